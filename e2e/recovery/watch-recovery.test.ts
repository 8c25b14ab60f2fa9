import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { suspendWatchesForTests, watchCacheStats } from '@/lib/live/watch-cache';
import { compactEtcd, startControlPlane, stopControlPlane } from '../support/control-plane';
import { ADMIN_CONTEXT, core, createNamespace, deleteNamespace, waitFor } from '../support/kube';
import { type ListMirror, subscribeMirror } from '../support/stream';

process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;

let ns: string;
before(async () => {
  ns = await createNamespace('recovery');
});
after(async () => {
  await deleteNamespace(ns);
});

const cm = (name: string, v: string) => ({ metadata: { name }, data: { v } });

/** The mirrored list equals the API server's list: same names and same resourceVersions. */
async function matchesTruth(list: ListMirror): Promise<boolean> {
  const truth = (await core().listNamespacedConfigMap({ namespace: ns })).items;
  if (truth.length !== list.rows.size) return false;
  return truth.every((c) => list.rows.get(`${ns}/${c.metadata?.name}`)?.rv === c.metadata?.resourceVersion);
}

test('410: changes made while etcd was compacted past the cache are all caught by a relist', async () => {
  await Promise.all(
    ['a', 'b', 'c'].map((n) => core().createNamespacedConfigMap({ namespace: ns, body: cm(n, '1') })),
  );
  const sub = subscribeMirror(ADMIN_CONTEXT, 'configmaps', ns);
  try {
    await waitFor('the first snapshot', () => matchesTruth(sub.list), { intervalMs: 50 });
    const relists = watchCacheStats().relistsAfterGone;
    suspendWatchesForTests(true);
    // Unseen by the cache: one of each kind of change.
    await core().createNamespacedConfigMap({ namespace: ns, body: cm('d', '1') });
    await core().replaceNamespacedConfigMap({ namespace: ns, name: 'b', body: cm('b', '2') });
    await core().deleteNamespacedConfigMap({ namespace: ns, name: 'c' });
    await compactEtcd();
    // A fresh API server has no watch-cache window to replay from either: the old resourceVersion is
    // only in etcd's history, which the compaction removed.
    stopControlPlane();
    await startControlPlane();
    suspendWatchesForTests(false);
    await waitFor('the cache to catch up after 410', () => matchesTruth(sub.list), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    assert.ok(
      watchCacheStats().relistsAfterGone > relists,
      'the watch got 410 Gone and the cache listed again',
    );
    assert.ok(sub.list.snapshots >= 2, 'subscribers got a resync snapshot');
    assert.equal(sub.list.rows.get(`${ns}/b`)?.cells.count, 1);
    assert.ok(!sub.list.rows.has(`${ns}/c`));
    assert.ok(sub.list.rows.has(`${ns}/d`));
  } finally {
    suspendWatchesForTests(false);
    sub.unsubscribe();
  }
});

test('recovery: with the API server stopped the list says reconnecting; after a restart, changes arrive within 30 s', async () => {
  const sub = subscribeMirror(ADMIN_CONTEXT, 'configmaps', ns);
  try {
    await waitFor('the snapshot', () => matchesTruth(sub.list), { intervalMs: 50 });
    const before = new Map(sub.list.rows);
    stopControlPlane();
    await waitFor(
      'the list to say it is reconnecting',
      async () => sub.list.statuses.includes('reconnecting'),
      {
        timeoutMs: 30_000,
        intervalMs: 100,
      },
    );
    // The last known state stays while the API server is gone.
    assert.deepEqual([...sub.list.rows.keys()].sort(), [...before.keys()].sort());
    const ready = await startControlPlane();
    await core().createNamespacedConfigMap({ namespace: ns, body: cm('after-restart', '1') });
    await core().replaceNamespacedConfigMap({ namespace: ns, name: 'a', body: cm('a', '3') });
    await core().deleteNamespacedConfigMap({ namespace: ns, name: 'd' });
    await waitFor('the changes to arrive', () => matchesTruth(sub.list), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    const took = Date.now() - ready;
    assert.ok(took < 30_000, `changes arrived ${took} ms after the API server was ready`);
    assert.equal(sub.list.statuses.at(-1), 'live');
    console.log(`# recovery: changes seen ${took} ms after the API server was ready`);
  } finally {
    sub.unsubscribe();
  }
});
