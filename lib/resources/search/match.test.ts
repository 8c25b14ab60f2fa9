import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Row } from '../lists/rows/types';
import { searchRows } from './match';

const row = (name: string, labels: Record<string, string> = {}, namespace = 'shop'): Row => ({
  key: `${namespace}/${name}`,
  uid: name,
  name,
  namespace,
  rv: '1',
  created: null,
  labels,
  cells: {},
});

const data = new Map<string, Row[]>([
  [
    'deployments',
    [row('web', { app: 'web' }), row('web-admin', { app: 'admin' }), row('api', { app: 'api' })],
  ],
  ['services', [row('web', { app: 'web' }), row('my-web-cache')]],
  ['nodes', [row('node-1', { zone: 'a' }, '')]],
]);

test('names rank exact, then prefix, then substring, across kinds', () => {
  const hits = searchRows(data, 'WEB');
  assert.deepEqual(
    hits.map((h) => `${h.kind}/${h.name}`),
    ['deployments/web', 'services/web', 'deployments/web-admin', 'services/my-web-cache'],
  );
  assert.deepEqual(searchRows(data, '   '), []);
  assert.equal(searchRows(data, 'web', 2).length, 2);
});

test('a query with = is a label selector', () => {
  assert.deepEqual(
    searchRows(data, 'app=web').map((h) => `${h.kind}/${h.name}`),
    ['deployments/web', 'services/web'],
  );
  assert.deepEqual(
    searchRows(data, 'zone in (a,b)').map((h) => h.name),
    ['node-1'],
  );
  assert.throws(() => searchRows(data, 'app in (web'), /unbalanced/);
});
