import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { type SubscriptionSpec, subscriptionId } from '@/lib/live/protocol';
import { configureViews, viewStats } from '@/lib/live/view-cache';
import type { RolloutModel } from '@/lib/live/views/rollout';
import type { WorkloadPodsModel } from '@/lib/live/views/workload-pods';
import { configureWatchCache, watchCacheStats } from '@/lib/live/watch-cache';
import type { OverviewData } from '@/lib/resources/overview/overview';
import { type CountedIdentity, countedIdentity } from '../support/counted-identity';
import {
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
  waitForDeploymentReady,
} from '../support/kube';
import { openTabStream, openViewTab, type ViewTab } from '../support/stream';

/**
 * The live views at the API server: with 1 and with 20 tabs on the Overview and on a workload page,
 * the same LISTs and WATCHes when they open, and no LIST or GET at all while they stay open. The
 * dashboard runs in this process as an identity the API server counts apart (counted-identity.ts),
 * so other test files sharing the cluster do not blur the figures.
 */

process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
const CONTEXT = 'live-views';
const STEADY_MS = 10_000;

let ns: string;
let identity: CountedIdentity | undefined;

async function kubectl(...args: string[]): Promise<string> {
  const bin = process.env.WHEELHOUSE_BIN ? `${process.env.WHEELHOUSE_BIN}/kubectl` : 'kubectl';
  return execFileSync(bin, ['--kubeconfig', process.env.KUBECONFIG ?? '', '--context', 'admin', ...args], {
    encoding: 'utf8',
    input: '',
    maxBuffer: 64 * 1024 * 1024,
  });
}

const counts = async () => {
  assert.ok(identity, 'the counted identity exists');
  return identity.counts();
};

before(async () => {
  ns = await createNamespace('liveviews');
  configureWatchCache({ graceMs: 300 });
  configureViews({ graceMs: 300 });
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'web', { replicas: 2 }) });
  identity = await countedIdentity(ns, CONTEXT);
  // The dashboard runs as that identity only.
  process.env.KUBECONFIG = identity.kubeconfig;
  await waitForDeploymentReady(ns, 'web');
});

after(async () => {
  await identity?.remove();
  await deleteNamespace(ns);
});

function pages(): Record<string, SubscriptionSpec[]> {
  return {
    Overview: [{ context: CONTEXT, view: 'overview', namespace: ns }],
    'the web Deployment page': [
      { context: CONTEXT, view: 'rollout', namespace: ns, kind: 'deployments', name: 'web' },
      { context: CONTEXT, view: 'workload-pods', namespace: ns, kind: 'deployments', name: 'web' },
    ],
  };
}

/** Opens `n` tabs on a page, waits until each has every view, and returns what that cost upstream. */
async function open(n: number, specs: SubscriptionSpec[]) {
  const start = await counts();
  const tabs: ViewTab[] = [];
  for (let i = 0; i < n; i++) tabs.push(openViewTab(specs));
  await waitFor(`${n} tab(s) to get every view`, async () =>
    tabs.every((t) => specs.every((s) => t.views.has(subscriptionId(s)))),
  );
  // Each input's LIST answered before the first model; its WATCH starts right after.
  await waitFor('the upstream watches to be open', async () => {
    const c = await counts();
    return c.watches - start.watches >= watchCacheStats().entries ? c : undefined;
  });
  await new Promise((r) => setTimeout(r, 1000));
  const opened = await counts();
  return { tabs, start, opened };
}

async function closeAll(tabs: ViewTab[]) {
  for (const t of tabs) t.close();
  await waitFor(
    'the views and their watches to stop',
    async () => viewStats().length === 0 && watchCacheStats().entries === 0,
    {
      timeoutMs: 15_000,
    },
  );
}

for (const [page, build] of Object.entries({
  Overview: 'Overview',
  'a workload page': 'the web Deployment page',
})) {
  test(`${page}: 20 tabs cost the API server what 1 tab does, and nothing while they stay open`, async (t) => {
    const specs = pages()[build] ?? [];
    const cost: { reads: number; watches: number }[] = [];
    for (const n of [1, 20]) {
      const { tabs, start, opened } = await open(n, specs);
      const initial = { reads: opened.reads - start.reads, watches: opened.watches - start.watches };
      assert.ok(
        initial.reads > 0 && initial.watches > 0,
        `the first tab lists and watches (${JSON.stringify(initial)})`,
      );
      await new Promise((r) => setTimeout(r, STEADY_MS));
      const steady = await counts();
      assert.equal(steady.reads - opened.reads, 0, `LIST or GET while ${n} tab(s) stay open`);
      cost.push(initial);
      // The views are computed once for every tab.
      assert.equal(viewStats().length, specs.length);
      for (const v of viewStats()) assert.equal(v.listeners, n);
      if (n === 20) {
        const first = tabs[0]?.views;
        for (const t of tabs)
          for (const s of specs)
            assert.deepEqual(t.views.get(subscriptionId(s)), first?.get(subscriptionId(s)));
      }
      await closeAll(tabs);
    }
    t.diagnostic(`opening cost at the API server, 1 tab then 20: ${JSON.stringify(cost)}`);
    assert.deepEqual(cost[1], cost[0], 'the same LISTs/GETs and WATCHes for 20 tabs as for 1');
  });
}

test('a pod that starts crash-looping reaches the open Overview and workload page by itself', async () => {
  const specs = [...(pages().Overview ?? []), ...(pages()['the web Deployment page'] ?? [])];
  // The Pods list first: its cache entry keeps rows only, until a view joins and it lists again.
  const list = await openTabStream({ context: CONTEXT, kind: 'pods', namespace: ns });
  await waitFor('the pod list to be cached', async () => list.list.snapshots > 0);
  const tab = openViewTab(specs);
  const [overview, rollout, pods] = specs.map((s) => subscriptionId(s));
  await waitFor('the views', async () => tab.views.size === 3);
  const before = await counts();
  const [pod] = (await core().listNamespacedPod({ namespace: ns, labelSelector: 'app=web' })).items;
  const name = pod?.metadata?.name ?? '';
  // KWOK's crashloop stage (e2e/cluster/stages-simulate.yaml) picks the label up.
  await kubectl('label', 'pod', '-n', ns, name, 'wheelhouse.dev/simulate=crashloop');
  await waitFor('the crash loop on every view', async () => {
    const o = tab.views.get(overview ?? '') as OverviewData | undefined;
    const w = tab.views.get(pods ?? '') as WorkloadPodsModel | undefined;
    return (
      o?.problemPods.some((p) => p.name === name && p.health.state === 'CrashLoop') &&
      w?.detail.row.pods.some((p) => p.name === name && p.health.state === 'CrashLoop')
    );
  });
  const r = tab.views.get(rollout ?? '') as RolloutModel | undefined;
  assert.equal(r?.name, 'web');
  const afterCounts = await counts();
  assert.equal(afterCounts.reads - before.reads, 0, 'the change came over the watches, not a LIST or GET');
  tab.close();
  list.close();
});
