import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { configureStreamHub, openTab, setSubscriptions, streamStats } from '@/lib/live/hub';
import type { StreamItem } from '@/lib/live/protocol';
import { configureWatchCache, hasWatch, watchCacheStats } from '@/lib/live/watch-cache';
import { type CountedIdentity, countedIdentity } from '../support/counted-identity';
import { ADMIN_CONTEXT, core, createNamespace, deleteNamespace, waitFor } from '../support/kube';
import { openTabStream, type TabStream, waitForNames } from '../support/stream';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;

let ns: string;
before(async () => {
  ns = await createNamespace('fanout');
  configureWatchCache({ graceMs: 300 });
  identity = await countedIdentity(ns, COUNTED, ['persistentvolumeclaims']);
  process.env.KUBECONFIG = identity.kubeconfig;
});
after(async () => {
  await identity?.remove();
  await deleteNamespace(ns);
});

/**
 * The upstream requests are counted at the API server for an identity of this file's own
 * (counted-identity.ts): the request metrics carry no namespace or user, and other files list and
 * watch claims too (a namespace's delete plan lists every kind in it), which once failed this file.
 */
let identity: CountedIdentity;
const COUNTED = 'fanout-counted';

const claim = (name: string) => ({
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Mi' } } },
});

test('20 tabs on the same list make exactly one upstream watch, counted by the API server', async () => {
  await Promise.all(
    ['a', 'b', 'c'].map((name) =>
      core().createNamespacedPersistentVolumeClaim({ namespace: ns, body: claim(name) }),
    ),
  );
  const truth = async () =>
    (await core().listNamespacedPersistentVolumeClaim({ namespace: ns })).items.map(
      (c) => c.metadata?.name ?? '',
    );
  const names = await truth();
  assert.ok(names.includes('a') && names.length >= 3);
  const before = identity.counts();
  const statsBefore = watchCacheStats();
  const tabs: TabStream[] = [];
  for (let i = 0; i < 20; i++)
    tabs.push(await openTabStream({ context: COUNTED, kind: 'persistentvolumeclaims', namespace: ns }));
  await Promise.all(tabs.map((t, i) => waitForNames(t.list, names, `tab ${i} to get the snapshot`)));

  // A change reaches every tab, which also proves the one watch is established.
  await core().createNamespacedPersistentVolumeClaim({ namespace: ns, body: claim('d') });
  await Promise.all(
    tabs.map((t, i) => waitForNames(t.list, [...names, 'd'], `tab ${i} to see the new claim`)),
  );

  const during = identity.counts();
  const n = during.watches - before.watches;
  assert.equal(n, 1, `the API server counts ${n} new watches for 20 tabs`);
  assert.equal(during.reads - before.reads, 0, 'and no LIST: the list came streamed');
  const stats = watchCacheStats();
  assert.equal(stats.lists - statsBefore.lists, 1, 'one LIST for 20 tabs');
  for (const t of tabs) assert.equal(t.list.snapshots, 1);

  // The last tab leaving stops the upstream watch after the grace period.
  for (const t of tabs) t.close();
  await waitFor('the upstream watch to stop', async () => !hasWatch(COUNTED, 'persistentvolumeclaims', ns), {
    timeoutMs: 15_000,
  });
});

test('a cold list is one streaming WATCH at the API server and no LIST; paged LISTs where streaming is off', async () => {
  const names = ['s1', 's2', 's3'];
  const other = await createNamespace('stream');
  try {
    await Promise.all(
      names.map((name) =>
        core().createNamespacedPersistentVolumeClaim({ namespace: other, body: claim(name) }),
      ),
    );
    const start = identity.counts();
    const tab = await openTabStream({
      context: COUNTED,
      kind: 'persistentvolumeclaims',
      namespace: other,
    });
    await waitForNames(tab.list, names, 'the streamed snapshot');
    // Live on the same request: a change after the initial state arrives without another.
    await core().createNamespacedPersistentVolumeClaim({ namespace: other, body: claim('s4') });
    await waitForNames(tab.list, [...names, 's4'], 'the change after the initial state');
    const streamed = identity.counts();
    assert.equal(streamed.watches - start.watches, 1, 'one watch carries the list and its changes');
    assert.equal(streamed.reads - start.reads, 0, 'no LIST: the API server streamed the list');
    assert.equal(tab.list.snapshots, 1);
    tab.close();
    await waitFor(
      'the streaming watch to stop',
      async () => !hasWatch(COUNTED, 'persistentvolumeclaims', other),
      { timeoutMs: 15_000 },
    );

    // The fallback for API servers without streaming lists: paged LISTs, then a watch from their version.
    configureWatchCache({ streamingLists: false });
    const paged = await openTabStream({
      context: COUNTED,
      kind: 'persistentvolumeclaims',
      namespace: other,
    });
    await waitForNames(paged.list, [...names, 's4'], 'the paged snapshot');
    await core().createNamespacedPersistentVolumeClaim({ namespace: other, body: claim('s5') });
    await waitForNames(paged.list, [...names, 's4', 's5'], 'the change after the paged LIST');
    assert.equal(identity.counts().reads - streamed.reads, 1, 'one paged LIST when streaming is off');
    paged.close();
  } finally {
    configureWatchCache({ streamingLists: true });
    await deleteNamespace(other);
  }
});

test('the viewer cannot stream Secrets and is told so; nobody cannot stream Pods', async () => {
  const viewer = await openTabStream({ context: 'viewer', kind: 'secrets', namespace: ns });
  const nobody = await openTabStream({ context: 'nobody', kind: 'pods', namespace: ns });
  const admin = await openTabStream({ context: ADMIN_CONTEXT, kind: 'secrets', namespace: ns });
  await core().createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 's1' }, stringData: { password: 'hunter2' } },
  });
  await waitFor('the viewer to be refused', async () => viewer.list.errors.length > 0, { timeoutMs: 15_000 });
  await waitFor('nobody to be refused', async () => nobody.list.errors.length > 0, { timeoutMs: 15_000 });
  assert.equal(viewer.list.errors[0], `You may not list secrets in namespace "${ns}".`);
  assert.equal(nobody.list.errors[0], `You may not list pods in namespace "${ns}".`);
  assert.equal(viewer.list.rows.size, 0);
  // The admin sees the Secret's key and size, never its value.
  await waitFor('the admin to see the Secret', async () => admin.list.rows.has(`${ns}/s1`), {
    timeoutMs: 15_000,
  });
  const row = admin.list.rows.get(`${ns}/s1`);
  assert.deepEqual(row?.cells.keys, ['password (7 B)']);
  assert.ok(!JSON.stringify(row).includes('aHVudGVyMg') && !JSON.stringify(row).includes('hunter2'));
  for (const t of [viewer, nobody, admin]) t.close();
});

test('a tab that does not read is resynced with a snapshot, not buffered without end', async () => {
  const slowNs = await createNamespace('slow');
  configureStreamHub({ highWaterMark: 2048, maxBlockedMs: 300 });
  const tab = randomUUID();
  const abort = new AbortController();
  const reader = openTab(tab, abort.signal).getReader();
  try {
    setSubscriptions(tab, [{ context: ADMIN_CONTEXT, kind: 'configmaps', namespace: slowNs }]);
    const names = Array.from({ length: 30 }, (_, i) => `cm-${i}`);
    // Changes must come after the (empty) first snapshot: if the LIST is slow enough to include them
    // all, there is nothing left to back up.
    await waitFor('the first snapshot to be sent', async () => {
      const t = streamStats().find((x) => x.id === tab);
      return (t?.eventsSent ?? 0) >= 1;
    });
    const body = (name: string, v: string) => ({ metadata: { name }, data: { v: v.repeat(200) } });
    // Nobody reads. The first wave fills the connection (2 KiB); the second finds it full.
    await Promise.all(
      names.map((n) => core().createNamespacedConfigMap({ namespace: slowNs, body: body(n, 'x') })),
    );
    await Promise.all(
      names.map((n) => core().replaceNamespacedConfigMap({ namespace: slowNs, name: n, body: body(n, 'y') })),
    );
    await waitFor(
      'the hub to drop the backlog and plan a resync',
      async () => (streamStats().find((t) => t.id === tab)?.resyncs ?? 0) >= 1,
      { timeoutMs: 20_000 },
    );
    // Reading again brings a fresh snapshot holding the latest state, not the changes one by one.
    const decoder = new TextDecoder();
    let text = '';
    let snapshots = 0;
    let latest = new Map<string, string>();
    await waitFor(
      'a resync snapshot with every ConfigMap at its latest version',
      async () => {
        const { value } = await reader.read();
        text += decoder.decode(value, { stream: true });
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          if (!block.startsWith('event: batch')) continue;
          for (const item of JSON.parse(block.slice(block.indexOf('data: ') + 6)) as StreamItem[]) {
            if (item.t !== 'snapshot') continue;
            snapshots++;
            latest = new Map(item.rows.map((r) => [r.name, r.rv]));
          }
        }
        return snapshots >= 2 && names.every((n) => latest.has(n));
      },
      { timeoutMs: 20_000, intervalMs: 1 },
    );
    const truth = (await core().listNamespacedConfigMap({ namespace: slowNs })).items;
    for (const c of truth) assert.equal(latest.get(c.metadata?.name ?? ''), c.metadata?.resourceVersion);
  } finally {
    configureStreamHub({ highWaterMark: 256 * 1024, maxBlockedMs: 5_000 });
    abort.abort();
    await deleteNamespace(slowNs);
  }
});
