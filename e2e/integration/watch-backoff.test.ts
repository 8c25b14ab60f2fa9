import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configureWatchCache, subscribe, watchCacheStats } from '@/lib/live/watch-cache';
import { waitFor } from '../support/kube';

// In-process, local mode, the `nobody` context (every list refused): a refused list backs off
// exponentially even when its subscribers come and go, instead of listing again on every subscribe.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;

test('hole 5: a refused subscription, re-subscribed 20 times in 4 s, lists a handful of times', async () => {
  configureWatchCache({ graceMs: 10 });
  const before = watchCacheStats().lists;
  const errors: string[] = [];
  for (let i = 0; i < 20; i++) {
    let seen = false;
    const stop = subscribe('nobody', 'configmaps', 'default', (m) => {
      if (m.type === 'error') {
        seen = true;
        errors.push(m.error.message);
      }
    });
    await waitFor('the refusal', async () => seen, { timeoutMs: 10_000, intervalMs: 20 });
    stop();
    await new Promise((r) => setTimeout(r, 200));
  }
  const lists = watchCacheStats().lists - before;
  // Each subscriber is told at once; the cluster is asked at 0 s, then ~0.5-1 s, ~1-2 s, ~2-4 s later.
  assert.equal(errors.length, 20);
  assert.equal(errors[0], 'You may not list configmaps in namespace "default".');
  assert.ok(lists <= 5, `${lists} LISTs for 20 subscriptions`);
  assert.ok(lists >= 1);
});
