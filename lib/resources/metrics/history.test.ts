import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HISTORY_MS, limitPressure, type PodUsage, pushSample, topCpu, topMemory, topPods } from './history';

test('a window is kept once, and the ring holds the last 15 minutes', () => {
  let ring = pushSample([], { t: 0, cpu: 1, memory: 1 });
  ring = pushSample(ring, { t: 0, cpu: 2, memory: 2 });
  assert.equal(ring.length, 1, 'a poll that sees the same window adds nothing');
  for (let t = 15_000; t <= HISTORY_MS + 30_000; t += 15_000)
    ring = pushSample(ring, { t, cpu: t, memory: t });
  assert.equal(ring.length, HISTORY_MS / 15_000);
  assert.ok((ring[0]?.t ?? 0) > (ring.at(-1)?.t ?? 0) - HISTORY_MS);
});

test('top pods sort by the resource, ties by namespace and name', () => {
  const p = (name: string, cpu: number, memory: number): PodUsage => ({
    namespace: 'ns',
    name,
    t: 0,
    containers: {},
    total: { cpu, memory },
  });
  const pods = [p('a', 0.1, 300), p('b', 0.5, 100), p('c', 0.5, 200)];
  assert.deepEqual(
    topPods(pods, 'cpu', 2).map((x) => x.name),
    ['b', 'c'],
  );
  assert.deepEqual(
    topPods(pods, 'memory', 3).map((x) => x.name),
    ['a', 'c', 'b'],
  );
});

test('memory pressure: near from 80% of the limit, critical from 90%, none without a limit', () => {
  assert.equal(limitPressure(79, 100), 'ok');
  assert.equal(limitPressure(80, 100), 'near');
  assert.equal(limitPressure(90, 100), 'critical');
  assert.equal(limitPressure(1e12, null), 'ok');
});

test("kubectl top's cells: millicores rounded up, MiB rounded down", () => {
  assert.equal(topCpu(0.25), '250m', 'a float just over 0.25 is not 251m');
  assert.equal(topCpu(0.2501), '251m');
  assert.equal(topMemory(100 * 2 ** 20 + 5), '100Mi');
});
