import { DiscoveryV1Api } from '@kubernetes/client-node';
import type { Page } from '@playwright/test';
import {
  ADMIN_CONTEXT,
  adminConfig,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
  waitForDeploymentReady,
} from './support/kube';
import { expect, test } from './support/test';

/** Services, Ingresses, claims and exposure warnings against seeded objects and our own. */

let ns: string;
const hardened = { runAsNonRoot: true, runAsUser: 1000 };

function hardenedDeployment(name: string, image: string, replicas = 1, labels: Record<string, string> = {}) {
  const d = deployment(ns, name, { image, replicas, labels });
  const spec = d.spec?.template.spec;
  if (spec) spec.securityContext = hardened;
  return d;
}

test.beforeAll(async () => {
  ns = await createNamespace('netstore');
  await Promise.all([
    apps().createNamespacedDeployment({ namespace: ns, body: hardenedDeployment('web', 'nginx:1.27', 2) }),
    apps().createNamespacedDeployment({ namespace: ns, body: hardenedDeployment('pg', 'postgres:16') }),
    apps().createNamespacedDeployment({
      namespace: ns,
      body: hardenedDeployment('flaky', 'nginx:1.27', 1, { 'wheelhouse.dev/simulate': 'unready' }),
    }),
  ]);
  const svc = (name: string, type: string, port: number, selector: Record<string, string>) =>
    core().createNamespacedService({
      namespace: ns,
      body: { metadata: { name }, spec: { type, selector, ports: [{ port, targetPort: port }] } },
    });
  await Promise.all([
    svc('web', 'LoadBalancer', 443, { app: 'web' }),
    svc('pg', 'ClusterIP', 5432, { app: 'pg' }),
    svc('pg-open', 'NodePort', 8080, { app: 'pg' }),
    svc('flaky', 'ClusterIP', 80, { app: 'flaky' }),
    svc('orphan', 'ClusterIP', 80, { app: 'nothing-has-this-label' }),
    core().createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: 'scratch' },
        spec: {
          storageClassName: 'wh-no-such-class',
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
        },
      },
    }),
    core().createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'waits-for-scratch' },
        spec: {
          securityContext: hardened,
          containers: [{ name: 'c', image: 'busybox:1.36', volumeMounts: [{ name: 'd', mountPath: '/d' }] }],
          volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'scratch' } }],
          tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
        },
      },
    }),
  ]);
  await Promise.all(['web', 'pg'].map((n) => waitForDeploymentReady(ns, n)));
});

test.afterAll(async () => {
  await deleteNamespace(ns);
});

const warnings = (page: Page) => page.getByRole('list', { name: 'Exposure warnings' }).getByRole('listitem');

const group = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('exposure warnings fire on the seeded bad Services and pods', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/shop/services/cache`);
  const cache = group(page, 'high: Database ports reachable from outside the cluster');
  await expect(cache.getByRole('listitem')).toHaveText([
    /Database port exposed outside the cluster: 6379 \(Redis\)/,
  ]);
  await expect(cache).toContainText(
    'Why it matters: This Service is reachable through a port on every node.',
  );
  await expect(cache).toContainText('How to fix: Make the Service type ClusterIP');

  await page.goto(`/c/${ADMIN_CONTEXT}/data/services/postgres-public`);
  await expect(group(page, 'critical: Database ports reachable from outside the cluster')).toContainText(
    '5432 (PostgreSQL)',
  );
  await expect(group(page, 'critical: Database pods reachable from outside the cluster')).toContainText(
    'Exposes pods running PostgreSQL outside the cluster',
  );

  await page.goto(`/c/${ADMIN_CONTEXT}/demo/security`);
  const expected: [string, string, string][] = [
    ['privileged-pod', 'critical: Privileged containers', 'Container debugger is privileged'],
    ['root-pod', 'high: Containers running as root', 'Container tool runs as root (runAsUser: 0)'],
    ['hostnetwork-pod', 'high: Pods on the node’s network', 'Uses the node’s network (hostNetwork)'],
    ['hostpath-pod', 'critical: Pods mounting the node’s filesystem', 'hostPath /etc'],
    [
      'env-secret-pod',
      'medium: Secrets in environment variables',
      'API_KEY ← api-keys[API_KEY]; all keys of admin-basic-auth (prefix ADMIN_)',
    ],
    [
      'api',
      'medium: Secrets in environment variables',
      'Container api gets Secrets as environment variables',
    ],
  ];
  for (const [object, name, text] of expected) {
    const item = group(page, name)
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: `demo/${object}`, exact: true }) });
    await expect(item).toContainText(text);
  }
});

test('no exposure warning on well-configured Services and pods', async ({ page }) => {
  for (const name of ['web', 'pg']) {
    await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/services/${name}`);
    await expect(page.getByRole('heading', { name: 'Security' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'No exposure warnings.' })).toBeVisible();
  }
  // The seeded internal Services: nothing about exposure (their pods' defaults are another matter).
  for (const [namespace, name] of [
    ['demo', 'web'],
    ['data', 'postgres'],
  ]) {
    await page.goto(`/c/${ADMIN_CONTEXT}/${namespace}/services/${name}`);
    await expect(page.getByRole('heading', { name: 'Security' })).toBeVisible();
    await expect(warnings(page).filter({ hasText: /exposed outside|outside the cluster/ })).toHaveCount(0);
  }
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/security`);
  const list = warnings(page);
  await expect(list.filter({ hasText: 'Exposes pods running PostgreSQL' })).toHaveCount(1);
  for (const good of ['web', 'pg']) {
    await expect(
      list.filter({ has: page.getByRole('link', { name: `${ns}/${good}`, exact: true }) }),
    ).toHaveCount(0);
  }
});

test('the Service page shows the EndpointSlice endpoints, ready and not', async ({ page }) => {
  const discovery = adminConfig().makeApiClient(DiscoveryV1Api);
  const truth = await waitFor('2 ready endpoints for web', async () => {
    const slices = await discovery.listNamespacedEndpointSlice({
      namespace: ns,
      labelSelector: 'kubernetes.io/service-name=web',
    });
    const eps = slices.items.flatMap((s) => s.endpoints ?? []);
    return eps.filter((e) => e.conditions?.ready !== false).length === 2 ? eps : undefined;
  });
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/services/web`);
  const table = page.getByRole('table', { name: 'Endpoints' });
  await expect(table.getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(truth.length);
  for (const e of truth) {
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: e.addresses[0], exact: true }) });
    await expect(row).toContainText('Ready');
    await expect(row.getByRole('link', { name: e.targetRef?.name ?? '' })).toBeVisible();
  }
  await expect(page.getByRole('alert', { name: 'No ready endpoints' })).toHaveCount(0);
  await expect(page.getByRole('alert', { name: 'The selector matches no pod' })).toHaveCount(0);
});

test('broken Services are called out: no ready endpoints, selector matching nothing', async ({ page }) => {
  await waitFor('a not-ready endpoint for flaky', async () => {
    const pods = await core().listNamespacedPod({ namespace: ns, labelSelector: 'app=flaky' });
    return pods.items.some((p) => p.status?.phase === 'Running');
  });
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/services/flaky`);
  await expect(page.getByRole('alert', { name: 'No ready endpoints' })).toContainText('none is ready');
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/services/orphan`);
  await expect(page.getByRole('alert', { name: 'The selector matches no pod' })).toContainText(
    'app=nothing-has-this-label',
  );
  await page.goto(`/c/${ADMIN_CONTEXT}/demo/services/legacy-api`);
  await expect(page.getByRole('alert', { name: 'The selector matches no pod' })).toBeVisible();
});

test('Ingress rules lead to Services and on to pods, and back', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/demo/ingresses/web`);
  const rules = page.getByRole('table', { name: 'Rules' });
  await expect(rules.getByRole('row', { name: /web\.demo\.example\.com \/api api/ })).toBeVisible();
  await rules
    .getByRole('row', { name: /web\.demo\.example\.com \/ web/ })
    .getByRole('link', { name: 'web' })
    .click();
  await expect(page).toHaveURL(new RegExp(`/c/${ADMIN_CONTEXT}/demo/services/web$`));
  const pods = (await core().listNamespacedPod({ namespace: 'demo', labelSelector: 'app=web' })).items;
  expect(pods.length).toBeGreaterThan(0);
  const matched = page.getByRole('list', { name: 'Matched pods' });
  for (const p of pods) await expect(matched.getByRole('link', { name: p.metadata?.name })).toBeVisible();
  await page.getByRole('list', { name: 'Ingress routes' }).getByRole('link', { name: 'web' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${ADMIN_CONTEXT}/demo/ingresses/web$`));
});

for (const [label, namespace, claim, pod] of [
  ['seeded', 'demo', 'reports-data', 'pvc-waiter'],
  ['our own', '', 'scratch', 'waits-for-scratch'],
] as const) {
  test(`a claim that cannot bind is Pending with its reason, and its pod points to it (${label})`, async ({
    page,
  }) => {
    const n = namespace || ns;
    const reason = await waitFor(`a Warning event on claim ${claim}`, async () => {
      const events = await core().listNamespacedEvent({
        namespace: n,
        fieldSelector: `involvedObject.kind=PersistentVolumeClaim,involvedObject.name=${claim}`,
      });
      const warning = events.items
        .filter((e) => e.type === 'Warning')
        .sort((a, b) => String(b.lastTimestamp ?? '').localeCompare(String(a.lastTimestamp ?? '')))[0];
      return warning?.message;
    });
    await page.goto(`/c/${ADMIN_CONTEXT}/${n}/storage`);
    const waiting = page
      .getByRole('list', { name: 'Pods waiting for storage' })
      .getByRole('listitem')
      .filter({ hasText: pod });
    await expect(waiting).toContainText(`claim ${claim} (Pending`);
    await waiting.getByRole('link', { name: claim, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/persistentvolumeclaims/${claim}$`));
    await expect(page.getByRole('heading', { name: claim, level: 1 })).toBeVisible();
    await expect(page.getByText('Pending because')).toBeVisible();
    await expect(page.getByText(reason, { exact: false }).first()).toBeVisible();
    await expect(page.getByRole('alert', { name: 'This claim keeps pods from starting' })).toContainText(pod);
    await expect(page.getByRole('list', { name: 'Pods mounting this claim' })).toContainText(
      'waiting for this claim',
    );
    // And the pod's own page points back to the claim.
    await page
      .getByRole('list', { name: 'Pods mounting this claim' })
      .getByRole('link', { name: pod })
      .click();
    const notice = page.getByRole('alert', { name: 'Waiting for storage' });
    await expect(notice).toContainText(`Claim ${claim} is Pending: ${reason}`);
    await notice.getByRole('link', { name: claim }).click();
    await expect(page).toHaveURL(new RegExp(`/persistentvolumeclaims/${claim}$`));
  });
}

test('a user who may not read the namespace gets no false all-clear', async ({ page }) => {
  await page.goto(`/c/nobody/${ns}/security`);
  await expect(page.getByRole('alert', { name: 'Not allowed' })).toContainText(
    `You may not list services or pods in namespace "${ns}", so its exposure cannot be checked.`,
  );
  await expect(page.getByText('No exposure warnings')).toHaveCount(0);
});

test('the overview summarises exposure and leads to the Security page', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/demo/overview`);
  const summary = page.getByRole('region', { name: /^Security/ });
  await expect(summary).toContainText(/\d+ critical/);
  const critical = Number((await summary.textContent())?.match(/(\d+) critical/)?.[1]);
  expect(critical).toBeGreaterThan(0);
  await summary.getByRole('link', { name: 'All exposure warnings' }).click();
  await expect(page).toHaveURL(/\/c\/admin\/demo\/security$/);
  await expect(page.getByRole('region', { name: /^critical: / }).getByRole('listitem')).toHaveCount(critical);
});
