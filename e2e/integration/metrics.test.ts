import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { subscriptionId, type ViewSpec } from '@/lib/live/protocol';
import { configureViews } from '@/lib/live/view-cache';
import { configureWatchCache } from '@/lib/live/watch-cache';
import { topCpu, topMemory } from '@/lib/resources/metrics/history';
import { configureMetrics, metricsStats } from '@/lib/resources/metrics/server/metrics-cache';
import type { PodUsageModel, TopUsageModel } from '@/lib/resources/metrics/server/metrics-views';
import { ADMIN_CONTEXT, core, createNamespace, deleteNamespace, waitFor } from '../support/kube';
import { openViewTab, type ViewTab } from '../support/stream';

/**
 * CPU and memory from metrics-server (the cluster is started with --metrics-server; kwok serves the
 * usage the pods' annotations ask for): the pod's usage as `kubectl top pod` prints it, a warning
 * near the memory limit, and one Metrics API poll per interval whatever the number of tabs.
 */

process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
const INTERVAL_MS = 1_000;
let ns: string;
const tabs: ViewTab[] = [];

function kubectl(...args: string[]): string {
  const bin = process.env.WHEELHOUSE_BIN ? `${process.env.WHEELHOUSE_BIN}/kubectl` : 'kubectl';
  return execFileSync(bin, ['--kubeconfig', process.env.KUBECONFIG ?? '', '--context', 'admin', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

before(async () => {
  configureWatchCache({ graceMs: 300 });
  configureViews({ graceMs: 300 });
  configureMetrics({ intervalMs: INTERVAL_MS, graceMs: 300 });
  ns = await createNamespace('metrics');
  const pod = (name: string, cpu: string, memory: string, limit: string) => ({
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/usage-cpu': cpu, 'kwok.x-k8s.io/usage-memory': memory },
    },
    spec: {
      containers: [
        {
          name: 'main',
          image: 'app:1',
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: limit } },
        },
      ],
      tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
    },
  });
  await core().createNamespacedPod({ namespace: ns, body: pod('busy', '250m', '100Mi', '110Mi') });
  await core().createNamespacedPod({ namespace: ns, body: pod('calm', '20m', '30Mi', '512Mi') });
});

after(async () => {
  for (const t of tabs) t.close();
  await deleteNamespace(ns);
});

/** `kubectl top pod` rows of the namespace: name -> [CPU, memory] cells, as it prints them. */
function kubectlTop(): Map<string, [string, string]> {
  const out = kubectl('top', 'pod', '-n', ns, '--no-headers');
  return new Map(
    out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name, cpu, mem] = l.trim().split(/\s+/);
        return [name ?? '', [cpu ?? '', mem ?? '']];
      }),
  );
}

test('the pod page shows what the Metrics API returns, as kubectl top pod prints it', async () => {
  const top = await waitFor(
    'kubectl top pod to list both pods',
    async () => {
      const t = kubectlTop();
      return t.has('busy') && t.has('calm') ? t : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 2_000 },
  );
  assert.equal(top.get('busy')?.[1], '100Mi', 'the memory the pod annotation asks kwok for');
  const cpu = Number.parseInt(top.get('busy')?.[0] ?? '', 10);
  assert.ok(cpu >= 240 && cpu <= 260, `about the 250m asked for (${cpu}m): a rate over kwok's counter`);
  const spec: ViewSpec = { context: ADMIN_CONTEXT, view: 'pod-usage', namespace: ns, name: 'busy' };
  const tab = openViewTab([spec]);
  tabs.push(tab);
  const view = () => tab.views.get(subscriptionId(spec)) as PodUsageModel | undefined;
  // kubectl top and the page read the same API; metrics-server moves to a new window every 15 s, so
  // they agree once both have read the same window.
  const m = await waitFor('the page and kubectl top pod to agree', async () => {
    const v = view();
    const main = v?.containers.find((c) => c.name === 'main');
    if (!main?.usage) return undefined;
    const now = kubectlTop().get('busy');
    // What the page prints (millicores rounded up, whole MiB) against kubectl's own columns.
    return topCpu(main.usage.cpu) === now?.[0] && topMemory(main.usage.memory) === now?.[1] ? v : undefined;
  });
  assert.equal(m?.note, null);
  const main = m?.containers.find((c) => c.name === 'main');
  assert.deepEqual([main?.requests.memory, main?.limits.memory], [64 * 2 ** 20, 110 * 2 ** 20]);
  assert.equal(main?.memoryPressure, 'critical', '100Mi of a 110Mi limit');
  assert.ok((m?.history.length ?? 0) >= 1);
});

test('the Overview lists the top pods; five tabs poll the Metrics API no more than one', async () => {
  const spec: ViewSpec = { context: ADMIN_CONTEXT, view: 'top-usage', namespace: ns };
  const key = (s: { key: string }) => s.key.endsWith(`\u0000pods\u0000${ns}`);
  const polls = () =>
    metricsStats()
      .filter(key)
      .reduce((n, s) => n + s.polls, 0);
  const first = openViewTab([spec]);
  tabs.push(first);
  const m = await waitFor('the top view', async () => {
    const v = first.views.get(subscriptionId(spec)) as TopUsageModel | undefined;
    return v && v.byCpu.length === 2 ? v : undefined;
  });
  assert.deepEqual(
    m.byCpu.map((p) => p.name),
    ['busy', 'calm'],
  );
  const window = 5 * INTERVAL_MS;
  const p0 = polls();
  await new Promise((r) => setTimeout(r, window));
  const oneTab = polls() - p0;
  for (let i = 0; i < 4; i++) tabs.push(openViewTab([spec]));
  const p1 = polls();
  await new Promise((r) => setTimeout(r, window));
  const fiveTabs = polls() - p1;
  console.log(`# Metrics API GETs in ${window} ms: 1 tab ${oneTab}, 5 tabs ${fiveTabs}`);
  assert.equal(metricsStats().filter(key).length, 1, 'one poller for the credentials and namespace');
  assert.ok(oneTab >= 3 && oneTab <= 6, `about one GET per interval with one tab (${oneTab})`);
  assert.ok(fiveTabs <= oneTab + 1, `five tabs add no GETs (${fiveTabs} vs ${oneTab})`);
});

test('credentials that may not read the Metrics API get one sentence, not an error', async () => {
  const spec: ViewSpec = { context: 'viewer', view: 'pod-usage', namespace: 'demo', name: 'sim-crashloop' };
  const tab = openViewTab([spec]);
  tabs.push(tab);
  const m = await waitFor(
    'the viewer pod usage view',
    async () => tab.views.get(subscriptionId(spec)) as PodUsageModel,
  );
  assert.equal(m.total, null);
  assert.match(m.note ?? '', /^You may not read pod usage from the Metrics API\.$/);
});
