import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ListWindow } from '@/lib/live/protocol';
import { configureWatchCache, watchCacheStats } from '@/lib/live/watch-cache';
import { configureWindowParts, currentWindow, subscribeWindow, windowIndexCount } from '@/lib/live/windows';
import { ADMIN_CONTEXT, core, createNamespace, deleteNamespace, waitFor } from '../support/kube';
import { openTabStream, type TabStream } from '../support/stream';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;

/**
 * List windows against the real API server: a tab is sent a window of a query's order over the
 * shared cache, changes inside it, only the counts for changes outside it, and tabs with one query
 * share one order.
 */

let ns: string;
const tabs: TabStream[] = [];
const names = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `cm-${String(from + i).padStart(2, '0')}`);

before(async () => {
  ns = await createNamespace('windows');
  configureWatchCache({ graceMs: 300 });
  await Promise.all(
    names(30).map((name, i) =>
      core().createNamespacedConfigMap({
        namespace: ns,
        body: {
          metadata: { name, labels: { windowed: 'yes', parity: i % 2 ? 'odd' : 'even' } },
          data: { a: '1' },
        },
      }),
    ),
  );
});
after(async () => {
  for (const t of tabs) t.close();
  await deleteNamespace(ns);
});

const query = (w: Partial<ListWindow>): ListWindow => ({
  q: '',
  selector: 'windowed=yes',
  sort: 'name',
  dir: 'asc',
  offset: 0,
  count: 10,
  ...w,
});

async function open(w: Partial<ListWindow>): Promise<TabStream> {
  const t = await openTabStream({
    context: ADMIN_CONTEXT,
    kind: 'configmaps',
    namespace: ns,
    window: query(w),
  });
  tabs.push(t);
  return t;
}

const keysOf = (t: TabStream) => (t.list.window?.keys ?? []).map((k) => k.split('/')[1]);

test('a tab gets only its window of the order, with the counts of the whole list', async () => {
  const t = await open({ offset: 5, count: 10 });
  await waitFor('the window', async () => t.list.window?.total === 30);
  assert.deepEqual(keysOf(t), names(10, 5));
  assert.equal(t.list.rows.size, 10);
  // The namespace's kube-root-ca.crt is listed but does not match the selector.
  assert.equal(t.list.window?.size, 31);
  const odd = await open({ selector: 'windowed=yes,parity=odd', q: 'cm-1', offset: 0, count: 50 });
  await waitFor('the odd window', async () => odd.list.window !== undefined);
  assert.deepEqual(keysOf(odd), ['cm-11', 'cm-13', 'cm-15', 'cm-17', 'cm-19']);
  const desc = await open({ dir: 'desc', count: 3 });
  await waitFor('the reversed window', async () => desc.list.window !== undefined);
  assert.deepEqual(keysOf(desc), ['cm-29', 'cm-28', 'cm-27']);
});

test('a change outside the window sends nothing; inside, the row; before it, the new order', async () => {
  const t = await open({ offset: 5, count: 10 });
  await waitFor('the window', async () => t.list.window?.total === 30);
  const items = t.list.window?.items ?? 0;
  await core().patchNamespacedConfigMap({
    namespace: ns,
    name: 'cm-25',
    body: [{ op: 'add', path: '/data/b', value: '2' }],
  });
  await core().patchNamespacedConfigMap({
    namespace: ns,
    name: 'cm-07',
    body: [{ op: 'add', path: '/data/b', value: '2' }],
  });
  await waitFor('cm-07 changed in the window', async () => t.list.rows.get(`${ns}/cm-07`)?.cells.count === 2);
  assert.deepEqual(
    t.list.window?.resent,
    [`${ns}/cm-07`],
    'only the changed row in the window is sent again',
  );
  assert.ok((t.list.window?.items ?? 0) <= items + 1);
  assert.deepEqual(keysOf(t), names(10, 5), 'the order did not move');

  // A new row sorting before the window shifts it by one; the tab gets the order and that one row.
  await core().createNamespacedConfigMap({
    namespace: ns,
    body: { metadata: { name: 'cm-000', labels: { windowed: 'yes' } } },
  });
  await waitFor('the window shifted', async () => t.list.window?.total === 31);
  assert.deepEqual(keysOf(t), names(10, 4));
  assert.ok(t.list.rows.get(`${ns}/cm-04`), 'the row that came into the window was sent');
  await core().deleteNamespacedConfigMap({ namespace: ns, name: 'cm-000' });
  await waitFor('the window shifted back', async () => t.list.window?.total === 30);
  assert.deepEqual(keysOf(t), names(10, 5));
  assert.equal(t.list.rows.size, 10);
});

test('a row leaving the query leaves the window, and a server render reads the same order', async () => {
  const t = await open({ selector: 'windowed=yes,parity=even', count: 5 });
  await waitFor('the even window', async () => t.list.window?.total === 15);
  assert.deepEqual(keysOf(t), ['cm-00', 'cm-02', 'cm-04', 'cm-06', 'cm-08']);
  await core().patchNamespacedConfigMap({
    namespace: ns,
    name: 'cm-02',
    body: [{ op: 'replace', path: '/metadata/labels/parity', value: 'odd' }],
  });
  await waitFor('cm-02 left', async () => t.list.window?.total === 14);
  assert.deepEqual(keysOf(t), ['cm-00', 'cm-04', 'cm-06', 'cm-08', 'cm-10']);
  const { offset: _o, count: _c, ...q } = query({ selector: 'windowed=yes,parity=even' });
  const rendered = await currentWindow(ADMIN_CONTEXT, 'configmaps', ns, q, 1, 3);
  assert.deepEqual(
    rendered?.rows.map((r) => r.name),
    ['cm-04', 'cm-06', 'cm-08'],
  );
  assert.equal(rendered?.total, 14);
});

test('tabs with one query share one order and one upstream watch; another query adds an order only', async () => {
  const watchesBefore = watchCacheStats().watches;
  const ordersBefore = windowIndexCount();
  const same = await Promise.all(Array.from({ length: 5 }, () => open({ q: 'cm-2', offset: 0, count: 4 })));
  await waitFor('five windows', async () => same.every((t) => t.list.window?.total === 10));
  assert.equal(windowIndexCount(), ordersBefore + 1, 'five tabs, one order');
  for (const t of same) assert.deepEqual(keysOf(t), ['cm-20', 'cm-21', 'cm-22', 'cm-23']);
  // Same query, another offset: the same order serves it.
  const later = await open({ q: 'cm-2', offset: 8, count: 4 });
  await waitFor('the later window', async () => later.list.window !== undefined);
  assert.deepEqual(keysOf(later), ['cm-28', 'cm-29']);
  assert.equal(windowIndexCount(), ordersBefore + 1);
  assert.equal(watchCacheStats().watches, watchesBefore, 'no new upstream watch');
});

test('a filter of a long order is served from its first rows, then counted to the end', async () => {
  // Parts this small make a list of 31 a long one (by default: 20,000 rows, the first 300 at once).
  configureWindowParts({ from: 10, firstRows: 3, step: 4 });
  const all = { q: '', selector: 'windowed=yes', sort: 'name', dir: 'asc' as const };
  const base = subscribeWindow(ADMIN_CONTEXT, 'configmaps', ns, all, () => undefined);
  try {
    await waitFor('the whole order', async () => base.rows()?.total === 30);
    const seen: { counting: boolean; total: number; first: string[] }[] = [];
    const h = subscribeWindow(ADMIN_CONTEXT, 'configmaps', ns, { ...all, q: 'cm-1' }, (m) => {
      if (m.type !== 'changed') return;
      seen.push({
        counting: m.counting === true,
        total: m.order.total,
        first: m.order.slice(0, 5).map((r) => r.name),
      });
    });
    try {
      await waitFor('counted', async () => seen.some((s) => !s.counting));
      assert.deepEqual(
        seen.map((s) => [s.counting, s.total]),
        [
          [true, 3],
          [false, 10],
        ],
        'the first three rows at once, then all ten',
      );
      assert.deepEqual(seen[0]?.first, ['cm-10', 'cm-11', 'cm-12']);
      assert.deepEqual(seen[1]?.first, ['cm-10', 'cm-11', 'cm-12', 'cm-13', 'cm-14']);
      // Counted, it follows the list again.
      await core().createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: 'cm-10a', labels: { windowed: 'yes' } } },
      });
      await waitFor('the new row counted', async () => seen.at(-1)?.total === 11);
      assert.equal(seen.at(-1)?.first[1], 'cm-10a');
    } finally {
      h.close();
    }
    // A tab asking for it is sent the counted order and the exact total.
    const t = await open({ q: 'cm-1', count: 4 });
    await waitFor('the tab window', async () => t.list.window?.total === 11 && !t.list.window.counting);
    assert.deepEqual(keysOf(t), ['cm-10', 'cm-10a', 'cm-11', 'cm-12']);
  } finally {
    base.close();
    configureWindowParts({ from: 20_000, firstRows: 300, step: 20_000 });
    await core().deleteNamespacedConfigMap({ namespace: ns, name: 'cm-10a' });
  }
});

test('a cold list shows its first window while the rest arrives, then the whole order', async () => {
  const cold = await createNamespace('windows-cold');
  configureWatchCache({ listingFirst: 5 });
  try {
    await Promise.all(
      names(30).map((name) =>
        core().createNamespacedConfigMap({ namespace: cold, body: { metadata: { name } } }),
      ),
    );
    const q = { q: '', selector: '', sort: 'name', dir: 'desc' as const };
    const seen: { listing: boolean; size: number; first: string | undefined }[] = [];
    const h = subscribeWindow(ADMIN_CONTEXT, 'configmaps', cold, q, (m) => {
      if (m.type === 'changed')
        seen.push({ listing: m.listing === true, size: m.order.size, first: m.order.slice(0, 1)[0]?.name });
    });
    try {
      // A server render asking at the same moment settles on the first window it can give: the rows
      // so far, marked as such.
      const rendered = await currentWindow(ADMIN_CONTEXT, 'configmaps', cold, q, 0, 3);
      assert.equal(rendered?.listing, true);
      assert.equal(rendered?.size, 5);
      assert.equal(rendered?.rows.length, 3);
      await waitFor('the whole list', async () => seen.some((s) => !s.listing));
      // 31 with kube-root-ca.crt: the rows so far at 5 and at 4 times as many, then all of them.
      assert.deepEqual(
        seen.map((s) => [s.listing, s.size]),
        [
          [true, 5],
          [true, 20],
          [false, 31],
        ],
      );
      assert.equal(seen.at(-1)?.first, 'kube-root-ca.crt');
    } finally {
      h.close();
    }
  } finally {
    configureWatchCache({ listingFirst: 1000 });
    await deleteNamespace(cold);
  }
});
