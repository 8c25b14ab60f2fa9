import type { V1Pod } from '@kubernetes/client-node';
import type { Page } from '@playwright/test';
import { classifyPod, type PodState } from '../lib/resources/pods/health';
import {
  ADMIN_CONTEXT,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
  waitForDeploymentReady,
} from './support/kube';
import { expect, test } from './support/test';

// Each KWOK simulation (e2e/cluster/stages.yaml) as a Deployment of its own, with the diagnosis the
// dashboard must give for it, worded as the classifier words it.
const SIMULATED: { name: string; simulate: string; state: PodState; label: string; diagnosis: RegExp }[] = [
  {
    name: 'crashy',
    simulate: 'crashloop',
    state: 'CrashLoop',
    label: 'Crash loop',
    diagnosis: /Container main is crash-looping \(\d+ restarts?\): last exited with Error \(exit code 1\)/,
  },
  {
    name: 'oomy',
    simulate: 'oomkilled',
    state: 'CrashLoop',
    label: 'Crash loop',
    diagnosis:
      /Container main is crash-looping \(\d+ restarts?\): last killed for running out of memory \(OOMKilled, exit code 137\)/,
  },
  {
    name: 'unready',
    simulate: 'unready',
    state: 'NotReady',
    label: 'Not ready',
    diagnosis: /Running but not ready: container main is not ready/,
  },
  {
    name: 'pully',
    simulate: 'imagepull',
    state: 'ImagePullFailed',
    label: 'Image pull failed',
    diagnosis: /Cannot pull image "nginx:1\.27" for container main \((ErrImagePull|ImagePullBackOff)\)/,
  },
];

let ns: string;

async function podsOf(name: string): Promise<V1Pod[]> {
  return (await core().listNamespacedPod({ namespace: ns, labelSelector: `app=${name}` })).items.filter(
    (p) => !p.metadata?.deletionTimestamp,
  );
}

/** Waits until the cluster itself puts the pod in the state (so the page is checked against the truth). */
async function podInState(name: string, state: PodState): Promise<V1Pod> {
  return waitFor(
    `a pod of ${name} in state ${state}`,
    async () => (await podsOf(name)).find((p) => classifyPod(p, { now: Date.now() }).state === state),
    { timeoutMs: 90_000 },
  );
}

const base = (view: string) => `/c/${ADMIN_CONTEXT}/${ns}/${view}`;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  ns = await createNamespace('health');
  await Promise.all([
    ...SIMULATED.map((s) =>
      apps().createNamespacedDeployment({
        namespace: ns,
        body: deployment(ns, s.name, { labels: { 'wheelhouse.dev/simulate': s.simulate } }),
      }),
    ),
    apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'steady', { replicas: 2 }) }),
  ]);
  await waitForDeploymentReady(ns, 'steady');
  // "unready" is only called that after the readiness grace period; the others are immediate.
  await Promise.all(SIMULATED.map((s) => podInState(s.name, s.state)));
});

test.afterAll(async () => {
  await deleteNamespace(ns);
});

function workloadRow(page: Page, name: string) {
  return page
    .getByRole('table', { name: 'Workloads' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
}

test('the overview shows every simulated state with its diagnosis, problems first', async ({ page }) => {
  await page.goto(`/c/${ADMIN_CONTEXT}/${ns}`);
  await expect(page).toHaveURL(new RegExp(`/c/admin/${ns}/overview$`));
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  for (const s of SIMULATED) {
    const row = workloadRow(page, s.name);
    await expect(row.getByRole('cell').first()).toHaveText('failing');
    const problems = row.getByRole('list', { name: `Problem pods of ${s.name}` });
    await expect(problems).toContainText(s.label);
    await expect(problems).toContainText(s.diagnosis);
  }
  await expect(workloadRow(page, 'steady').getByRole('cell').first()).toHaveText('healthy');
  await expect(workloadRow(page, 'steady')).toContainText('2 of 2 ready');
  // failing before healthy
  const names = await page.getByRole('table', { name: 'Workloads' }).getByRole('link').allTextContents();
  expect(names.indexOf('steady')).toBe(names.length - 1);
  const problemPods = page.getByRole('table', { name: 'Problem pods' });
  for (const s of SIMULATED) {
    await expect(problemPods.getByRole('row').filter({ hasText: `${s.name}-` })).toContainText(s.diagnosis);
  }
  await expect(problemPods.getByRole('row').filter({ hasText: 'steady-' })).toHaveCount(0);
});

test('each workload page shows its pods with the right diagnosis, beside its rollout', async ({ page }) => {
  for (const s of SIMULATED) {
    // The old health address leads to the Deployment's one page: rollout and pod health together.
    await page.goto(base(`workloads/deployment/${s.name}`));
    await expect(page).toHaveURL(new RegExp(`/deployments/${s.name}$`));
    await expect(page.getByRole('heading', { name: s.name, level: 1 })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Rollout status' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Workload health' })).toContainText('failing');
    const pods = page.getByRole('table', { name: 'Pods' });
    await expect(pods.getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(1);
    await expect(pods).toContainText(s.label);
    await expect(pods).toContainText(s.diagnosis);
  }
});

test('each pod page shows the diagnosis with evidence, the containers and the owner chain', async ({
  page,
}) => {
  for (const s of SIMULATED) {
    const [pod] = await podsOf(s.name);
    const name = pod?.metadata?.name ?? '';
    await page.goto(base(`pods/${name}`));
    const diagnosis = page.getByRole('region', { name: 'Diagnosis' });
    await expect(diagnosis).toContainText(s.label);
    await expect(diagnosis).toContainText(s.diagnosis);
    await expect(page.getByRole('region', { name: 'Container main' })).toContainText('nginx:1.27');
  }
  const [pod] = await podsOf('oomy');
  await page.goto(base(`pods/${pod?.metadata?.name}`));
  const evidence = page.getByRole('region', { name: 'Diagnosis' }).getByRole('definition');
  await expect(evidence.filter({ hasText: /^OOMKilled$/ })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Container main' })).toContainText(
    /Last state\s*terminated: OOMKilled, exit code 137 at \d{4}-\d\d-\d\d/,
  );
  const chain = page.getByRole('navigation', { name: 'Owner chain' });
  const rs = pod?.metadata?.ownerReferences?.[0]?.name ?? '';
  await expect(chain.getByRole('link', { name: `ReplicaSet ${rs}` })).toBeVisible();
  await chain.getByRole('link', { name: 'Deployment oomy' }).click();
  await expect(page).toHaveURL(/\/deployments\/oomy$/);
  await expect(page.getByRole('region', { name: 'Workload health' })).toContainText('failing');
});

test('a pod that starts crash-looping shows on the open Overview, workload page and pod page within 1 s', async ({
  page,
}) => {
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'flip') });
  await waitForDeploymentReady(ns, 'flip');
  const [pod] = await podsOf('flip');
  const name = pod?.metadata?.name ?? '';
  await page.goto(base('overview'));
  await expect(workloadRow(page, 'flip').getByRole('cell').first()).toHaveText('healthy');
  // The page is on the tab's stream (the server's overview view), not on a timer.
  const connection = page.getByRole('status', { name: 'Connection' });
  await expect(connection).toHaveText('Live');
  const workloadPage = await page.context().newPage();
  await workloadPage.goto(base('deployments/flip'));
  const health = workloadPage.getByRole('region', { name: 'Workload health' });
  await expect(health).toContainText('healthy');
  const podPage = await page.context().newPage();
  await podPage.goto(base(`pods/${name}`));
  await expect(podPage.getByRole('region', { name: 'Diagnosis' })).toContainText('Running and ready.');
  for (const p of [page, workloadPage, podPage])
    await expect(p.getByRole('status', { name: 'Connection' })).toHaveText('Live');
  await core().patchNamespacedPod({
    namespace: ns,
    name,
    body: [{ op: 'add', path: '/metadata/labels/wheelhouse.dev~1simulate', value: 'crashloop' }],
  });
  const started = Date.now();
  await podInState('flip', 'CrashLoop');
  const clusterMs = Date.now() - started;
  // From the moment the API server says CrashLoop (this test looks every 250 ms), every open page
  // shows it within 1 s, pushed by the server's views: no page polls.
  await Promise.all([
    expect(workloadRow(page, 'flip').getByRole('cell').first()).toHaveText('failing', { timeout: 1_000 }),
    expect(workloadRow(page, 'flip')).toContainText('is crash-looping', { timeout: 1_000 }),
    expect(health).toContainText('failing', { timeout: 1_000 }),
    expect(podPage.getByRole('region', { name: 'Diagnosis' })).toContainText('Crash loop', {
      timeout: 1_000,
    }),
  ]);
  test.info().annotations.push({ type: 'cluster-ms', description: String(clusterMs) });
});
