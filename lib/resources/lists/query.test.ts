import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OrderedRows } from './ordered-rows';
import { type ListQuery, listQueryString, matchesSelector, parseSelector, textMatcher } from './query';
import { parseListQuery } from './query-params';
import type { Column, Row } from './rows/types';

const row = (name: string, ns: string, labels: Record<string, string>, cells: Row['cells']): Row => ({
  key: `${ns}/${name}`,
  uid: name,
  name,
  namespace: ns,
  rv: '1',
  created: null,
  labels,
  cells,
});

test('label selectors parse like kubectl and reject what the API would', () => {
  assert.deepEqual(parseSelector('app=web, tier!=db,env in (prod, staging),!canary,team'), [
    { key: 'app', op: 'in', values: ['web'] },
    { key: 'tier', op: 'notin', values: ['db'] },
    { key: 'env', op: 'in', values: ['prod', 'staging'] },
    { key: 'canary', op: 'notexists' },
    { key: 'team', op: 'exists' },
  ]);
  assert.deepEqual(parseSelector('app.kubernetes.io/name==x'), [
    { key: 'app.kubernetes.io/name', op: 'in', values: ['x'] },
  ]);
  assert.deepEqual(parseSelector('  '), []);
  // An empty value is valid: `app=` matches app="".
  assert.deepEqual(parseSelector('app='), [{ key: 'app', op: 'in', values: [''] }]);
  for (const bad of ['a,,b', 'env in (prod', 'Bad Key=x', 'a=b c', 'x=-y', `a=${'v'.repeat(64)}`]) {
    assert.throws(() => parseSelector(bad), Error, bad);
  }
});

test('selectors match labels', () => {
  const labels = { app: 'web', env: 'prod' };
  assert.ok(matchesSelector(labels, parseSelector('app=web,env in (prod,dev)')));
  assert.ok(!matchesSelector(labels, parseSelector('app!=web')));
  assert.ok(matchesSelector(labels, parseSelector('tier!=db')));
  assert.ok(!matchesSelector(labels, parseSelector('!app')));
  assert.ok(matchesSelector(labels, parseSelector('env')));
});

const cols: Column[] = [
  { key: 'ready', label: 'Ready', type: 'ratio' },
  { key: 'restarts', label: 'Restarts', type: 'number' },
  { key: 'status', label: 'Status', type: 'status' },
];
const rows = [
  row('web-10', 'a', { app: 'web' }, { ready: '1/2', restarts: 10, status: 'Running' }),
  row('web-9', 'a', { app: 'web' }, { ready: '2/2', restarts: 2, status: 'CrashLoopBackOff' }),
  row('db-1', 'b', { app: 'db' }, { ready: '0/1', restarts: 0, status: 'Pending' }),
];

function ordered(list: Row[], q: Partial<ListQuery>): OrderedRows {
  const o = new OrderedRows({ q: '', selector: '', sort: 'name', dir: 'asc', ...q });
  o.reset(list, cols);
  return o;
}
const names = (o: OrderedRows) => o.slice(0, 1000).map((r) => r.name);

test('text filter looks at names, cells and labels; selector and text combine', () => {
  assert.deepEqual(names(ordered(rows, { q: 'crash' })), ['web-9']);
  assert.deepEqual(names(ordered(rows, { q: 'APP=DB' })), ['db-1']);
  assert.deepEqual(names(ordered(rows, { selector: 'app=web' })), ['web-9', 'web-10']);
  assert.deepEqual(names(ordered(rows, { q: '10', selector: 'app=web' })), ['web-10']);
  // The text is text, not a pattern.
  assert.deepEqual(names(ordered(rows, { q: '.' })), []);
  assert.deepEqual(names(ordered(rows, { q: 'web-(' })), []);
  assert.deepEqual(names(ordered(rows, { q: 'p=w' })), ['web-9', 'web-10'], 'across a label key and value');
  const o = ordered(rows, { selector: 'app=web' });
  assert.equal(o.total, 2);
  assert.equal(o.size, 3);
});

test('the text filter finds text within one field, whatever its case, and never across two', () => {
  const r = row('Web-9', 'prod', { tier: 'Front' }, { restarts: 12, images: ['nginx:1.27', 'busybox'] });
  const finds = (q: string) => textMatcher(q)(r);
  for (const q of ['WEB-9', 'eb-9', ' prod ', '12', 'busybox', '1.27 busy', 'tier=front', 'r=F', 'front'])
    assert.equal(finds(q), true, q);
  for (const q of ['9prod', 'web-9 prod', 'tierfront', '121', 'web-9\u0000prod', 'z'])
    assert.equal(finds(q), false, JSON.stringify(q));
});

test('sorting is numeric-aware and typed per column', () => {
  assert.deepEqual(names(ordered(rows, { sort: 'name' })), ['db-1', 'web-9', 'web-10']);
  assert.deepEqual(names(ordered(rows, { sort: 'restarts', dir: 'desc' })), ['web-10', 'web-9', 'db-1']);
  assert.deepEqual(names(ordered(rows, { sort: 'ready' })), ['db-1', 'web-10', 'web-9']);
  assert.deepEqual(
    ordered(rows, { sort: 'namespace', dir: 'desc' })
      .slice(0, 9)
      .map((r) => r.namespace),
    ['b', 'a', 'a'],
  );
});

test('the URL carries filters and sort, and bad ones are refused with a reason', () => {
  const q = parseListQuery({ q: 'web', selector: 'app=web', sort: 'restarts', dir: 'desc' });
  assert.deepEqual(q, { q: 'web', selector: 'app=web', sort: 'restarts', dir: 'desc' });
  assert.equal(listQueryString(q), '?q=web&selector=app%3Dweb&sort=restarts&dir=desc');
  assert.deepEqual(parseListQuery({}), { q: '', selector: '', sort: 'name', dir: 'asc' });
  assert.equal(listQueryString(parseListQuery({})), '');
  assert.throws(() => parseListQuery({ dir: 'up' }), /dir/);
  assert.throws(() => parseListQuery({ selector: 'a in (b' }), /unbalanced/);
  assert.throws(() => parseListQuery({ sort: 'x;y' }), /sort/);
});

test('changes keep the order: in place when the sort value stays, moved when it changes', () => {
  const o = ordered(rows, { sort: 'restarts' });
  assert.deepEqual(names(o), ['db-1', 'web-9', 'web-10']);
  const web9 = rows[1] as Row;
  const changed = { ...web9, rv: '2', cells: { ...web9.cells, status: 'Running' } };
  assert.ok(o.apply({ type: 'MODIFIED', key: web9.key, row: changed }));
  assert.deepEqual(names(o), ['db-1', 'web-9', 'web-10']);
  assert.equal(o.slice(1, 1)[0], changed);
  // More restarts move it past web-10.
  o.apply({
    type: 'MODIFIED',
    key: web9.key,
    row: { ...changed, cells: { ...changed.cells, restarts: 99 } },
  });
  assert.deepEqual(names(o), ['db-1', 'web-10', 'web-9']);
  o.apply({ type: 'ADDED', key: 'b/db-0', row: row('db-0', 'b', {}, { restarts: 1 }) });
  assert.deepEqual(names(o), ['db-1', 'db-0', 'web-10', 'web-9']);
  o.apply({ type: 'DELETED', key: 'a/web-10' });
  assert.deepEqual(names(o), ['db-1', 'db-0', 'web-9']);
  assert.equal(o.slice(1, 2).length, 2);
  assert.equal(o.size, 3);
});

test('a row leaving or joining the filter leaves or joins the order; others only count', () => {
  const o = ordered(rows, { q: 'crash' });
  const web9 = rows[1] as Row;
  assert.ok(o.apply({ type: 'MODIFIED', key: web9.key, row: { ...web9, cells: { status: 'Running' } } }));
  assert.equal(o.total, 0);
  assert.ok(!o.apply({ type: 'MODIFIED', key: 'b/db-1', row: { ...(rows[2] as Row), rv: '5' } }));
  assert.ok(o.apply({ type: 'ADDED', key: 'c/x', row: row('x', 'c', {}, { status: 'Running' }) }));
  assert.equal(o.size, 4);
  o.apply({ type: 'ADDED', key: 'c/y', row: row('y', 'c', {}, { status: 'CrashLoopBackOff' }) });
  assert.deepEqual(names(o), ['y']);
});

for (const withPrev of [true, false]) {
  test(`the order agrees with a fresh sort after many random changes (${withPrev ? 'found by the row it replaces' : 'found by key'})`, () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const o = ordered([], { sort: 'restarts', dir: 'desc' });
    const live = new Map<string, Row>();
    for (let i = 0; i < 2000; i++) {
      const key = `ns${rand(3)}/p-${rand(200)}`;
      const [ns, name] = key.split('/') as [string, string];
      const prev = withPrev ? live.get(key) : undefined;
      if (live.has(key) && rand(4) === 0) {
        live.delete(key);
        o.apply({ type: 'DELETED', key, ...(prev ? { prev } : {}) });
      } else {
        const r = row(name, ns, {}, { restarts: rand(5) });
        o.apply({ type: live.has(key) ? 'MODIFIED' : 'ADDED', key, row: r, ...(prev ? { prev } : {}) });
        live.set(key, r);
      }
    }
    const fresh = ordered([...live.values()], { sort: 'restarts', dir: 'desc' });
    assert.deepEqual(o.slice(0, 10_000), fresh.slice(0, 10_000));
    assert.equal(o.size, live.size);
  });
}

test('natural order compares numbers of any length, and leading zeros do not count', () => {
  const named = ['n-10000000000000', 'n-9', 'n-010', 'n-0', 'n-999999999999', 'n-1a', 'n-1', 'n-'].map((n) =>
    row(n, 'a', {}, {}),
  );
  assert.deepEqual(
    ordered(named, {})
      .slice(0, 9)
      .map((r) => r.name),
    ['n-', 'n-0', 'n-1', 'n-1a', 'n-9', 'n-010', 'n-999999999999', 'n-10000000000000'],
  );
});

test('natural order holds for digit runs anywhere in a name, and ties break on namespace', () => {
  const named = ['api-10-b', 'API-9-c', 'api-9-b', 'api-9-b', 'api-100'].map((n, i) =>
    row(n, i === 3 ? 'a' : 'b', {}, {}),
  );
  assert.deepEqual(
    ordered(named, {})
      .slice(0, 9)
      .map((r) => `${r.namespace}/${r.name}`),
    ['a/api-9-b', 'b/api-9-b', 'b/API-9-c', 'b/api-10-b', 'b/api-100'],
  );
});
