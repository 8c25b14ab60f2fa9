import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import type { StreamItem, SubscriptionSpec } from '@/lib/live/protocol';
import { KIND_SLUGS } from '@/lib/resources/lists/kinds';
import { openHttpTab } from './support/http-tab';
import { ADMIN_CONTEXT, apps, core, createNamespace, deleteNamespace } from './support/kube';
import { expect, test } from './support/test';

/**
 * Secrets never leave the server unless one key is revealed by someone allowed to read it.
 * The leak check crawls every page and API route as admin and as viewer, as HTML and as RSC
 * payload, and looks for the marker values (ours and the seeded `wh-secret-marker-…`).
 */

const MARKER_PREFIX = 'wh-secret-marker-';
let ns: string;
const marker = `${MARKER_PREFIX}e2e-${Date.now().toString(36)}`;
const ours = {
  password: `${marker}-password`,
  token: `${marker}-token`,
  annotated: `${marker}-applied`,
};
const binary = Buffer.concat([Buffer.from([0xff, 0x00, 0xfe]), Buffer.from(`${marker}-bin`)]);
const markers: string[] = [];
const SEEDED = ['demo', 'shop', 'data'];

function auditPath(): string {
  return process.env.WHEELHOUSE_AUDIT_FILE ?? path.join(process.cwd(), '.wheelhouse', 'audit.jsonl');
}

test.beforeAll(async () => {
  ns = await createNamespace('secrets');
  await core().createNamespacedSecret({
    namespace: ns,
    body: {
      metadata: {
        name: 'db-credentials',
        annotations: {
          // What `kubectl apply` leaves behind: the whole object, values included.
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            stringData: { pw: ours.annotated },
          }),
        },
      },
      type: 'Opaque',
      stringData: { password: ours.password, token: ours.token },
      data: { 'blob.bin': binary.toString('base64') },
    },
  });
  await core().createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name: 'uses-secret' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'nginx:1.27',
            env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }],
          },
        ],
        tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
      },
    },
  });
  // Every marker value the cluster holds, seeded ones included.
  markers.push(...Object.values(ours), `${marker}-bin`);
  for (const namespace of SEEDED) {
    for (const s of (await core().listNamespacedSecret({ namespace })).items) {
      for (const v of Object.values(s.data ?? {})) {
        const found = Buffer.from(v, 'base64')
          .toString('latin1')
          .match(/wh-secret-marker-[A-Za-z0-9-]+/g);
        // The whole value as the API sends it (base64) counts too: a raw `data` map must not leak.
        if (found) markers.push(...found, v);
      }
    }
  }
});

test.afterAll(async () => {
  await deleteNamespace(ns);
});

/** Every form of every marker that could show up in a body: raw and base64 of the whole value. */
function leakedIn(body: string): string | undefined {
  if (body.includes(MARKER_PREFIX)) return MARKER_PREFIX;
  // base64("ci-bot:wh-secret-marker-registry-password"), nested inside the seeded dockerconfigjson.
  if (body.includes('OndoLXNlY3JldC1tYXJrZXIt')) return 'nested base64 marker';
  for (const m of markers) {
    for (const form of [m, Buffer.from(m).toString('base64')]) if (body.includes(form)) return form;
  }
  return body.includes(binary.toString('base64')) ? 'binary value' : undefined;
}

async function detailUrls(context: string, namespace: string): Promise<string[]> {
  const base = `/c/${context}/${namespace}`;
  const names = async <T extends { metadata?: { name?: string } }>(p: Promise<{ items: T[] }>) =>
    (await p).items.map((i) => i.metadata?.name ?? '');
  const c = core();
  const { NetworkingV1Api } = await import('@kubernetes/client-node');
  const { adminConfig } = await import('./support/kube');
  const net = adminConfig().makeApiClient(NetworkingV1Api);
  const [secrets, cms, svcs, pvcs, ings] = await Promise.all([
    names(c.listNamespacedSecret({ namespace })),
    names(c.listNamespacedConfigMap({ namespace })),
    names(c.listNamespacedService({ namespace })),
    names(c.listNamespacedPersistentVolumeClaim({ namespace })),
    names(net.listNamespacedIngress({ namespace })),
  ]);
  return [
    ...['deployments', 'security', 'storage'].map((v) => `${base}/${v}`),
    ...secrets.map((n) => `${base}/secrets/${n}`),
    ...cms.map((n) => `${base}/configmaps/${n}`),
    ...svcs.map((n) => `${base}/services/${n}`),
    ...pvcs.map((n) => `${base}/persistentvolumeclaims/${n}`),
    ...ings.map((n) => `${base}/ingresses/${n}`),
    ...['overview', 'nodes'].map((v) => `${base}/${v}`),
    `/api/c/${context}/${namespace}/audit`,
  ];
}

/**
 * Every GET API route of the namespace's pods and workloads, streams (logs) included, by the
 * addresses the pages use (plural workload kinds): each must answer 200, or it tests nothing.
 */
async function apiUrls(context: string, namespace: string): Promise<string[]> {
  const base = `/api/c/${context}/${namespace}`;
  // Only pods with a container that has run have logs; the others answer 409 ("waiting"), rightly.
  const pods = (await core().listNamespacedPod({ namespace })).items
    .filter((p) =>
      (p.status?.containerStatuses ?? []).some(
        (c) => c.state?.running || c.state?.terminated || c.lastState?.terminated,
      ),
    )
    .map((p) => p.metadata?.name ?? '');
  const a = apps();
  // Each with its current revision, which always exists: the rollback preview of it answers 200.
  const revisions = (await a.listNamespacedControllerRevision({ namespace })).items;
  const crRevision = (name: string | undefined) =>
    Math.max(
      0,
      ...revisions
        .filter((r) => r.metadata?.ownerReferences?.some((o) => o.controller && o.name === name))
        .map((r) => r.revision),
    );
  const workloads = (
    await Promise.all([
      a
        .listNamespacedDeployment({ namespace })
        .then((l) =>
          l.items.map((i) => [
            'deployments',
            i.metadata?.name,
            i.metadata?.annotations?.['deployment.kubernetes.io/revision'],
          ]),
        ),
      a
        .listNamespacedStatefulSet({ namespace })
        .then((l) => l.items.map((i) => ['statefulsets', i.metadata?.name, crRevision(i.metadata?.name)])),
      a
        .listNamespacedDaemonSet({ namespace })
        .then((l) => l.items.map((i) => ['daemonsets', i.metadata?.name, crRevision(i.metadata?.name)])),
    ])
  ).flat();
  return [
    ...pods.map((p) => `${base}/pods/${p}/log`),
    // The rollback preview (its plan shows the target template) and the interleaved workload log.
    ...workloads.flatMap(([k, n, rev]) =>
      [`rollback?revision=${rev}`, 'log'].map((r) => `${base}/workloads/${k}/${n}/${r}`),
    ),
  ];
}

/** Reads a response for at most `ms`: log and watch streams never end on their own. */
async function readSome(url: string, ms = 1500): Promise<{ status: number; body: string }> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), ms);
  let body = '';
  let status = 0;
  try {
    const res = await fetch(url, { signal: ctrl.signal });
    status = res.status;
    const reader = res.body?.getReader();
    const dec = new TextDecoder();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      body += dec.decode(value, { stream: true });
    }
  } catch (e) {
    if (!ctrl.signal.aborted) throw e;
  } finally {
    clearTimeout(timer);
  }
  return { status, body };
}

/**
 * The tab stream, subscribed to every kind across all namespaces, as a page would do it: what it
 * carries until every snapshot has arrived. Secrets are among them, so their rows must show up.
 */
/**
 * The tab stream, subscribed to every kind across all namespaces, as a page would do it: what it
 * carries until every subscription has had its whole first answer (a last snapshot page, or an
 * error). Secrets are among them, so their rows must show up.
 */
async function streamAll(baseURL: string, context: string): Promise<{ body: string; snapshots: number }> {
  let body = '';
  const answered = new Set<string>();
  const tab = openHttpTab(
    baseURL,
    KIND_SLUGS.map((kind) => ({ context, kind, namespace: '_all' })),
    (block) => {
      body += block;
      if (!block.startsWith('event: batch')) return;
      const items = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as StreamItem[];
      for (const i of items) {
        const last = (i.t === 'snapshot' || i.t === 'append') && !i.more;
        if (last || i.t === 'error') answered.add(i.s);
      }
      if (answered.size >= KIND_SLUGS.length) tab.close();
    },
  );
  const timer = setTimeout(tab.close, 20_000);
  try {
    await tab.done;
  } finally {
    clearTimeout(timer);
  }
  return { body, snapshots: answered.size };
}

/** The view subscriptions of a namespace's pages: overview, security, storage, each pod and workload. */
async function viewSpecs(context: string, namespace: string): Promise<SubscriptionSpec[]> {
  const pods = (await core().listNamespacedPod({ namespace })).items.map((p) => p.metadata?.name ?? '');
  const deps = (await apps().listNamespacedDeployment({ namespace })).items.map(
    (d) => d.metadata?.name ?? '',
  );
  return [
    { context, view: 'overview', namespace },
    { context, view: 'security', namespace },
    { context, view: 'storage', namespace },
    ...pods.slice(0, 20).map((name): SubscriptionSpec => ({ context, view: 'pod', namespace, name })),
    ...deps.flatMap((name): SubscriptionSpec[] => [
      { context, view: 'rollout', namespace, kind: 'deployments', name },
      { context, view: 'workload-pods', namespace, kind: 'deployments', name },
    ]),
  ];
}

/** One tab subscribed to views: what it carries until each has sent a model or an error. */
async function streamViews(baseURL: string, specs: SubscriptionSpec[]) {
  let body = '';
  const answered = new Set<string>();
  const tab = openHttpTab(baseURL, specs, (block) => {
    body += block;
    if (!block.startsWith('event: batch')) return;
    for (const i of JSON.parse(block.slice(block.indexOf('data: ') + 6)) as StreamItem[])
      if (i.t === 'view' || i.t === 'error') answered.add(i.s);
    if (answered.size >= specs.length) tab.close();
  });
  const timer = setTimeout(tab.close, 20_000);
  try {
    await tab.done;
  } finally {
    clearTimeout(timer);
  }
  return { body, answered: answered.size, wanted: specs.length };
}

async function crawl(request: APIRequestContext, context: string, start: string[]) {
  const queue = [...start];
  const seen = new Set<string>();
  const leaks: string[] = [];
  let rsc = 0;
  while (queue.length && seen.size < 400) {
    const url = queue.shift() ?? '';
    if (seen.has(url)) continue;
    seen.add(url);
    for (const headers of [{}, { RSC: '1' }] as Record<string, string>[]) {
      const res = await request.get(url, { headers, maxRedirects: 5 });
      const body = await res.text();
      if (headers.RSC && res.headers()['content-type']?.startsWith('text/x-component')) rsc++;
      const leak = leakedIn(body);
      if (leak) leaks.push(`${url} ${JSON.stringify(headers)} contains ${leak}`);
      expect(res.status(), `${url} must answer`).toBe(200);
      for (const m of body.matchAll(/href="(\/c\/[^"#?]+)"/g)) {
        const next = (m[1] ?? '').replaceAll('&amp;', '&');
        // Only our namespaces: other test files create and delete theirs while this one crawls.
        const [, , , scope = '', kind, name] = next.split('/');
        const ours = [ns, ...SEEDED];
        // A Namespace's own page is theirs too when it names another test's namespace.
        const othersNamespace = kind === 'namespaces' && name !== undefined && !ours.includes(name);
        if (next.startsWith(`/c/${context}/`) && [...ours, '_all'].includes(scope) && !othersNamespace)
          queue.push(next);
      }
    }
  }
  return { leaks, pages: seen.size, rsc };
}

for (const context of [ADMIN_CONTEXT, 'viewer']) {
  test(`no Secret value appears on any page or API route as ${context}`, async ({ request, baseURL }) => {
    // Every page twice (HTML, RSC), every API answer and every live view of four namespaces.
    test.setTimeout(600_000);
    const start = ['/', '/api/healthz', `/c/${context}/_all/deployments`];
    for (const namespace of [ns, ...SEEDED]) start.push(...(await detailUrls(context, namespace)));
    const { leaks, pages, rsc } = await crawl(request, context, start);
    let apis = 0;
    for (const namespace of [ns, ...SEEDED]) {
      for (const url of await apiUrls(context, namespace)) {
        const { status, body } = await readSome(`${baseURL}${url}`);
        expect(status, `${url} must answer`).toBe(200);
        const leak = leakedIn(body);
        if (leak) leaks.push(`${url} contains ${leak}`);
        apis++;
      }
    }
    const stream = await streamAll(baseURL ?? '', context);
    const streamLeak = leakedIn(stream.body);
    if (streamLeak) leaks.push(`/api/stream contains ${streamLeak}`);
    // The pages' live views (models the server derives from its cache) go through the same check.
    for (const namespace of [ns, ...SEEDED]) {
      const views = await streamViews(baseURL ?? '', await viewSpecs(context, namespace));
      expect(views.answered, `every view of ${namespace} answered`).toBe(views.wanted);
      const viewLeak = leakedIn(views.body);
      if (viewLeak) leaks.push(`/api/stream views of ${namespace} contain ${viewLeak}`);
    }
    // Every subscription answered; as admin the Secrets' rows (names and key sizes) were in it.
    expect(stream.snapshots).toBe(KIND_SLUGS.length);
    // The viewer's role (view) excludes Secrets: its subscription is refused rather than emptied.
    if (context === ADMIN_CONTEXT) expect(stream.body).toContain('"db-credentials"');
    else expect(stream.body).toMatch(/You may not list secrets/);
    console.log(`[leak check] ${context}: ${apis} pod and workload API answers and streams`);
    console.log(
      `[leak check] ${context}: tab stream with ${stream.snapshots} kinds, ${stream.body.length} bytes`,
    );
    console.log(`[leak check] ${context}: ${pages} URLs, each as HTML and RSC (${rsc} RSC payloads)`);
    expect(leaks).toEqual([]);
    // The crawl must actually have covered the pages and their RSC payloads, or it proves nothing.
    expect(pages).toBeGreaterThan(20);
    expect(rsc).toBeGreaterThan(20);
    expect(markers.length).toBeGreaterThan(4);
  });
}

test('the viewer may not reveal: refused with the sentence, and no value in the answer', async ({
  request,
  baseURL,
  page,
}) => {
  await page.goto(`/c/viewer/${ns}/secrets/db-credentials`);
  await expect(page.getByRole('alert', { name: 'Not allowed' })).toContainText(
    'You may not read this Secret',
  );
  await expect(page.getByRole('button', { name: /^Reveal/ })).toHaveCount(0);

  const res = await request.post(`/api/c/viewer/${ns}/secrets/db-credentials/reveal`, {
    headers: { Origin: baseURL ?? '' },
    data: { key: 'password' },
  });
  expect(res.status()).toBe(403);
  const body = await res.text();
  expect(JSON.parse(body).error.message).toContain('You may not read this Secret');
  expect(leakedIn(body)).toBeUndefined();
});

test('reveal refuses other origins, bad bodies, and says which Secret or key is missing', async ({
  request,
  baseURL,
}) => {
  const url = `/api/c/${ADMIN_CONTEXT}/${ns}/secrets/db-credentials/reveal`;
  const origin = { Origin: baseURL ?? '' };
  const evil = await request.post(url, {
    headers: { Origin: 'http://evil.example' },
    data: { key: 'password' },
  });
  expect(evil.status()).toBe(403);
  expect(leakedIn(await evil.text())).toBeUndefined();
  const bad = await request.post(url, { headers: origin, data: { key: '../etc', extra: 1 } });
  expect(bad.status()).toBe(400);
  const noKey = await request.post(url, { headers: origin, data: { key: 'nope' } });
  expect(noKey.status()).toBe(404);
  expect((await noKey.json()).error.message).toBe(
    `Secret "db-credentials" in namespace "${ns}" has no key "nope".`,
  );
  const noSecret = await request.post(`/api/c/${ADMIN_CONTEXT}/${ns}/secrets/missing/reveal`, {
    headers: origin,
    data: { key: 'password' },
  });
  expect(noSecret.status()).toBe(404);
  expect((await noSecret.json()).error.message).toContain('"missing"');
  const ok = await request.post(url, { headers: origin, data: { key: 'password' } });
  expect(ok.status()).toBe(200);
  expect(ok.headers()['cache-control']).toBe('no-store');
  expect(await ok.json()).toEqual({
    key: 'password',
    bytes: ours.password.length,
    encoding: 'utf8',
    value: ours.password,
  });
});

test('admin reveals one key: shown, copied, audited, and gone from the DOM after the timeout', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const auditBefore = fs.existsSync(auditPath()) ? fs.readFileSync(auditPath(), 'utf8').length : 0;
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}/secrets/db-credentials`);
  const keys = page.getByRole('table', { name: 'Keys' });
  await expect(keys.getByRole('row')).toHaveCount(4);
  await expect(keys.getByRole('row', { name: /password/ })).toContainText(`${ours.password.length} B`);
  await expect(
    page.getByRole('table', { name: 'Used by' }).getByRole('row', { name: /uses-secret/ }),
  ).toContainText('env');
  expect(await page.content()).not.toContain(MARKER_PREFIX);

  await page.getByRole('button', { name: 'Reveal password' }).click();
  const value = page.getByRole('region', { name: 'Value of password' });
  await expect(value).toHaveText(ours.password);
  await page.getByRole('button', { name: 'Copy password' }).click();
  await expect(page.getByText('Copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ours.password);

  const audit = fs.readFileSync(auditPath(), 'utf8').slice(auditBefore);
  const records = audit
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  expect(records).toContainEqual(
    expect.objectContaining({
      verb: 'reveal',
      resource: 'secrets',
      namespace: ns,
      name: 'db-credentials',
      context: ADMIN_CONTEXT,
      result: 'success',
      message: expect.stringContaining('"password"'),
    }),
  );
  expect(audit).not.toContain(MARKER_PREFIX);

  await page.getByRole('button', { name: 'Reveal blob.bin' }).click();
  await expect(page.getByText(`Binary value (${binary.length} B), shown as base64.`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Value of blob.bin' })).toHaveText(binary.toString('base64'));

  await page.getByRole('button', { name: 'Reveal token' }).click();
  await expect(page.getByRole('region', { name: 'Value of token' })).toHaveText(ours.token);
  await page.getByRole('button', { name: 'Hide token' }).click();
  await expect(page.getByRole('region', { name: 'Value of token' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reveal token' })).toBeFocused();

  // Hides itself (30 s by default): the value must leave the DOM, not just become invisible.
  await expect(page.getByRole('region', { name: 'Value of password' })).toHaveCount(0, { timeout: 45_000 });
  expect(await page.content()).not.toContain(ours.password);
  await expect(page.getByRole('button', { name: 'Reveal password' })).toBeVisible();
});
