import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OrderedRows } from './ordered-rows';
import type { ListQuery } from './query';
import type { Column, Row } from './rows/types';

const cols: Column[] = [
  { key: 'restarts', label: 'Restarts', type: 'number' },
  { key: 'node', label: 'Node', type: 'text' },
];

/** Many ties on purpose: few restart counts and nodes, and names repeated across namespaces. */
function list(n: number): Row[] {
  let seed = 11;
  const rand = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const ns = `ns-${rand(7)}`;
    const name = `pod-${rand(n / 3)}-${i % 4}`;
    return {
      key: `${ns}/${name}-${i}`,
      uid: String(i),
      name: `${name}-${i % 9}`,
      namespace: ns,
      rv: '1',
      created: null,
      labels: { app: `a${rand(3)}` },
      cells: { restarts: rand(4), node: `node-${rand(12)}` },
    };
  });
}

const full = (q: Partial<ListQuery>): ListQuery => ({ q: '', selector: '', sort: 'name', dir: 'asc', ...q });

function ordered(rows: Row[], q: Partial<ListQuery>): OrderedRows {
  const o = new OrderedRows(full(q));
  o.reset(rows, cols);
  return o;
}

const keys = (o: OrderedRows) => o.slice(0, 1_000_000).map((r) => r.key);

test('an order taken from another (flipped, narrowed) is the order a sort gives', () => {
  const rows = list(3000);
  for (const sort of ['name', 'namespace', 'restarts', 'node']) {
    const base = ordered(rows, { sort });
    for (const q of [
      { sort, dir: 'desc' as const },
      { sort, q: 'node-1' },
      { sort, q: 'NODE-1', dir: 'desc' as const },
      { sort, selector: 'app=a1', dir: 'desc' as const },
      // Few enough matches (132 of 3,000) to be sorted, not walked for.
      { sort, q: 'ns-2', selector: 'app=a1' },
    ]) {
      const derived = new OrderedRows(full(q));
      assert.ok(derived.canDeriveFrom(base), JSON.stringify(q));
      derived.resetFrom(base, rows);
      const fresh = ordered(rows, q);
      assert.deepEqual(keys(derived), keys(fresh), JSON.stringify(q));
      assert.equal(derived.total, fresh.total);
      assert.equal(derived.size, rows.length);
    }
  }
});

test('a derived order follows changes like a sorted one', () => {
  const rows = list(500);
  const base = ordered(rows, { sort: 'restarts' });
  const derived = new OrderedRows({ q: 'node-3', selector: '', sort: 'restarts', dir: 'desc' });
  derived.resetFrom(base, rows);
  const live = new Map(rows.map((r) => [r.key, r]));
  for (const [i, r] of rows.slice(0, 200).entries()) {
    const next = { ...r, rv: '2', cells: { restarts: i % 5, node: `node-${i % 12}` } };
    derived.apply({ type: 'MODIFIED', key: r.key, row: next, prev: live.get(r.key) });
    live.set(r.key, next);
  }
  assert.deepEqual(keys(derived), keys(ordered([...live.values()], derived.query)));
});

test('only a wider filter on the same column can be narrowed', () => {
  const from = (q: Partial<ListQuery>) => ordered([], q);
  const want = new OrderedRows({ q: 'web-1', selector: 'app=web', sort: 'name', dir: 'asc' });
  assert.ok(want.canDeriveFrom(from({ q: 'web' })));
  assert.ok(want.canDeriveFrom(from({ q: 'web', selector: 'app=web', dir: 'desc' })));
  assert.ok(!want.canDeriveFrom(from({ q: 'web-12' })), 'a narrower text');
  assert.ok(!want.canDeriveFrom(from({ selector: 'app=db' })), 'another selector');
  assert.ok(!want.canDeriveFrom(from({ sort: 'restarts' })), 'another column');
});

test('an order made in parts starts with its first rows and ends as one made at once', () => {
  const rows = list(3000);
  for (const q of [{ q: 'ns-3' }, { q: 'ns-3', dir: 'desc' as const }, { selector: 'app=a2' }]) {
    const base = ordered(rows, { sort: 'restarts' });
    const whole = ordered(rows, { sort: 'restarts', ...q });
    const parts = new OrderedRows(full({ sort: 'restarts', ...q }));
    const rest = parts.resetFromInParts(base, rows, 50);
    assert.ok(rest, JSON.stringify(q));
    assert.deepEqual(keys(parts), keys(whole).slice(0, 50), 'the first rows, before the rest');
    // The source goes on changing meanwhile; the part made is not disturbed by it.
    const live = new Map(rows.map((r) => [r.key, r]));
    const waited = [];
    for (const [i, r] of rows.slice(0, 300).entries()) {
      const next = { ...r, rv: '2', cells: { restarts: (i * 7) % 5, node: `node-${i % 12}` } };
      const c = { type: 'MODIFIED' as const, key: r.key, row: next, prev: live.get(r.key) };
      base.apply(c);
      waited.push(c);
      live.set(r.key, next);
    }
    let steps = 0;
    while (!rest(400)) steps++;
    assert.ok(steps > 2, 'more than one part');
    assert.deepEqual(keys(parts), keys(whole), 'whole, as of when it began');
    for (const c of waited) parts.apply(c);
    assert.deepEqual(keys(parts), keys(ordered([...live.values()], parts.query)), 'then the changes');
  }
});

test('an order whose first rows are all it has, or only flips, is made at once', () => {
  const rows = list(600);
  const base = ordered(rows, { sort: 'node' });
  const flip = new OrderedRows(full({ sort: 'node', dir: 'desc' }));
  assert.equal(flip.resetFromInParts(base, rows, 10), undefined);
  assert.deepEqual(keys(flip), keys(ordered(rows, flip.query)));
  const few = new OrderedRows(full({ sort: 'node', q: 'node-11' }));
  assert.equal(few.resetFromInParts(base, rows, 10_000), undefined);
  assert.deepEqual(keys(few), keys(ordered(rows, few.query)));
  const rare = new OrderedRows(full({ sort: 'node', q: 'ns-2', selector: 'app=a1', dir: 'desc' }));
  assert.equal(rare.resetFromInParts(base, rows, 10), undefined, 'few matches: sorted at once');
  assert.ok(rare.total > 10 && rare.total * 16 <= rows.length, `${rare.total} matches`);
  assert.deepEqual(keys(rare), keys(ordered(rows, rare.query)));
});
