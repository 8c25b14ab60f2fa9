import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../../errors';
import type { ViewInputs } from '../../../live/view-cache';
import type { ErrorInfo } from '../../../live/watch-cache';
import type { KubeObject } from '../../lists/rows/types';
import { type MetricsSnapshot, metricsError } from './metrics-cache';
import { nodeUsageView, podUsageView, topUsageView } from './metrics-views';

/**
 * Without metrics-server the Metrics API answers 404 (no APIService) or 503 (registered, backend
 * down); the shared poll stores `metricsError` of that status as its feed's error, which is what the
 * views read here. The 403 case takes the same path end to end in e2e/integration/metrics.test.ts.
 */

const SENTENCE =
  'This cluster does not serve the Metrics API (metrics-server), so CPU and memory use are not shown.';
const MiB = 2 ** 20;
const params = { namespace: 'shop', name: 'web-1' };

const pod = {
  metadata: { name: 'web-1', namespace: 'shop', uid: 'p1' },
  spec: {
    containers: [
      {
        name: 'main',
        image: 'web:1',
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
      },
      { name: 'sidecar', image: 'proxy:1' },
    ],
  },
} as KubeObject;

const node = {
  metadata: { name: 'n1', uid: 'n1' },
  status: { allocatable: { cpu: '4', memory: '8Gi' } },
} as KubeObject;

/** ViewInputs over the inputs a view declares: each slug's objects (a list) or its feed's error. */
function inputs(feeds: Record<string, KubeObject[] | MetricsSnapshot | ErrorInfo>): ViewInputs {
  const at = (slug: string) => {
    const f = feeds[slug];
    if (f === undefined) throw new Error(`the test gave no ${slug}`);
    return f;
  };
  const list = (slug: string) => {
    const f = at(slug);
    if (Array.isArray(f)) return f;
    return 'polledAt' in f ? [f as unknown as KubeObject] : undefined;
  };
  return {
    list: <T>(slug: string) => list(slug) as T[] | undefined,
    get: <T>(slug: string, _ns: string | undefined, key: string) =>
      list(slug)?.find((o) => `${o.metadata?.namespace}/${o.metadata?.name}` === key) as T | undefined,
    error: (slug) => {
      const f = at(slug);
      return Array.isArray(f) || 'polledAt' in f ? undefined : f;
    },
  };
}

/** The Metrics API input's slug, as the view declares it (the other is the watched kind). */
function metricsSlug(declared: { slug: string; open?: unknown }[]): string {
  const m = declared.filter((i) => i.open);
  assert.equal(m.length, 1, 'one input is the Metrics API poll');
  return m[0]?.slug ?? '';
}

const occurrences = (model: unknown, s: string) => JSON.stringify(model).split(s).length - 1;

for (const status of [404, 503]) {
  test(`Metrics API absent (${status}): the pod usage view says so once and still lists the containers`, () => {
    const error = metricsError(status, 'pod usage');
    assert.deepEqual(error, { status, code: 'metrics_unavailable', message: SENTENCE });
    const slug = metricsSlug(podUsageView.inputs(params));
    const m = podUsageView.compute(inputs({ pods: [pod], [slug]: error }), params, 1_000);
    assert.equal(m.note, SENTENCE);
    assert.equal(occurrences(m, SENTENCE), 1);
    assert.deepEqual([m.total, m.t, m.history], [null, null, []]);
    // What the pod spec says is shown as before; only the usage is missing.
    assert.deepEqual(m.containers, [
      {
        name: 'main',
        usage: null,
        requests: { cpu: 0.1, memory: 64 * MiB },
        limits: { cpu: 1, memory: 128 * MiB },
        memoryPressure: 'ok',
      },
      {
        name: 'sidecar',
        usage: null,
        requests: { cpu: null, memory: null },
        limits: { cpu: null, memory: null },
        memoryPressure: 'ok',
      },
    ]);
  });
}

test('Metrics API absent: a missing pod is still "not found", not the metrics sentence', () => {
  const slug = metricsSlug(podUsageView.inputs(params));
  assert.throws(
    () => podUsageView.compute(inputs({ pods: [], [slug]: metricsError(404, 'pod usage') }), params, 0),
    (e) =>
      isAppError(e) && e.status === 404 && e.message === 'Pod "web-1" was not found in namespace "shop".',
  );
});

test('Metrics API absent: the node and top-pods views carry the same one sentence', () => {
  const nodeSlug = metricsSlug(nodeUsageView.inputs({ name: 'n1' }));
  const n = nodeUsageView.compute(
    inputs({ nodes: [node], [nodeSlug]: metricsError(404, 'node usage') }),
    { name: 'n1' },
    0,
  );
  assert.deepEqual([n.note, n.usage, n.allocatable], [SENTENCE, null, { cpu: 4, memory: 8 * 2 ** 30 }]);
  const topSlug = topUsageView.inputs({ namespace: 'shop' })[0]?.slug ?? '';
  const top = topUsageView.compute(
    inputs({ [topSlug]: metricsError(404, 'pod usage') }),
    { namespace: 'shop' },
    0,
  );
  assert.deepEqual([top.note, top.byCpu, top.byMemory], [SENTENCE, [], []]);
});

test('with the Metrics API served, the same pod shows its usage and no sentence', () => {
  const slug = metricsSlug(podUsageView.inputs(params));
  const usage = { cpu: 0.05, memory: 32 * MiB };
  const snapshot: MetricsSnapshot = {
    polledAt: 1,
    pods: new Map([
      ['shop/web-1', { namespace: 'shop', name: 'web-1', t: 1, containers: { main: usage }, total: usage }],
    ]),
    nodes: new Map(),
    history: new Map([['shop/web-1', [{ ...usage, t: 1 }]]]),
  };
  const m = podUsageView.compute(inputs({ pods: [pod], [slug]: snapshot }), params, 2);
  assert.equal(m.note, null);
  assert.deepEqual(m.total, usage);
  assert.deepEqual(m.containers[0]?.usage, usage);
  assert.equal(occurrences(m, SENTENCE), 0);
});
