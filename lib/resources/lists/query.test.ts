import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterRows, listQueryString, matchesSelector, parseSelector, sortRows, viewOf } from './query';
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

test('text filter looks at names, cells and labels; selector and text combine', () => {
  assert.deepEqual(
    filterRows(rows, 'crash', []).map((r) => r.name),
    ['web-9'],
  );
  assert.deepEqual(
    filterRows(rows, 'APP=DB', []).map((r) => r.name),
    ['db-1'],
  );
  assert.deepEqual(
    filterRows(rows, '', parseSelector('app=web')).map((r) => r.name),
    ['web-10', 'web-9'],
  );
  assert.deepEqual(
    filterRows(rows, '10', parseSelector('app=web')).map((r) => r.name),
    ['web-10'],
  );
});

test('sorting is numeric-aware and typed per column', () => {
  assert.deepEqual(
    sortRows(rows, cols, 'name', 'asc').map((r) => r.name),
    ['db-1', 'web-9', 'web-10'],
  );
  assert.deepEqual(
    sortRows(rows, cols, 'restarts', 'desc').map((r) => r.name),
    ['web-10', 'web-9', 'db-1'],
  );
  assert.deepEqual(
    sortRows(rows, cols, 'ready', 'asc').map((r) => r.name),
    ['db-1', 'web-10', 'web-9'],
  );
  assert.deepEqual(
    sortRows(rows, cols, 'namespace', 'desc').map((r) => r.namespace),
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

test('viewOf reuses the order when changed rows keep their place, and re-sorts when they move', () => {
  const map = new Map(rows.map((r) => [r.key, r]));
  const reqs = parseSelector('');
  const v1 = viewOf(undefined, map, cols, '', reqs, 'restarts', 'asc');
  assert.deepEqual(
    v1.shown.map((r) => r.name),
    ['db-1', 'web-9', 'web-10'],
  );
  // A status change that does not move the row: same order, new row object.
  const statusOnly = new Map(map);
  const changed = { ...map.get('a/web-9')!, cells: { ...map.get('a/web-9')!.cells, status: 'Running' } };
  statusOnly.set('a/web-9', changed);
  const v2 = viewOf(v1, statusOnly, cols, '', reqs, 'restarts', 'asc');
  assert.deepEqual(
    v2.shown.map((r) => r.name),
    ['db-1', 'web-9', 'web-10'],
  );
  assert.equal(v2.shown[1], changed);
  // More restarts move it past web-10.
  const moved = new Map(statusOnly);
  moved.set('a/web-9', { ...changed, cells: { ...changed.cells, restarts: 99 } });
  assert.deepEqual(
    viewOf(v2, moved, cols, '', reqs, 'restarts', 'asc').shown.map((r) => r.name),
    ['db-1', 'web-10', 'web-9'],
  );
  // Leaving the filter removes it; a new row is inserted in order.
  const filtered = viewOf(v2, moved, cols, 'crash', reqs, 'restarts', 'asc');
  assert.deepEqual(
    filtered.shown.map((r) => r.name),
    [],
  );
  const added = new Map(moved);
  added.set('b/db-0', row('db-0', 'b', {}, { ready: '1/1', restarts: 1, status: 'Running' }));
  assert.deepEqual(
    viewOf(v2, added, cols, '', reqs, 'name', 'asc').shown.map((r) => r.name),
    ['db-0', 'db-1', 'web-9', 'web-10'],
  );
  assert.equal(viewOf(v2, statusOnly, cols, '', reqs, 'restarts', 'asc').shown.length, 3);
});

test('natural order holds for digit runs anywhere in a name, and ties break on namespace', () => {
  const named = ['api-10-b', 'API-9-c', 'api-9-b', 'api-9-b', 'api-100'].map((n, i) =>
    row(n, i === 3 ? 'a' : 'b', {}, {}),
  );
  assert.deepEqual(
    sortRows(named, cols, 'name', 'asc').map((r) => `${r.namespace}/${r.name}`),
    ['a/api-9-b', 'b/api-9-b', 'b/API-9-c', 'b/api-10-b', 'b/api-100'],
  );
});
