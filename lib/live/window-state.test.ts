import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Row } from '../resources/lists/rows/types';
import { nextWindow, type WindowItem } from './window-state';

const row = (name: string, rv = '1'): Row => ({
  key: `ns/${name}`,
  uid: name,
  name,
  namespace: 'ns',
  rv,
  created: null,
  labels: {},
  cells: {},
});
const item = (fields: Partial<WindowItem>): WindowItem => ({ s: 'w', t: 'window', rows: [], ...fields });

test('a first window item sets the order, rows and counts; a row-only item before it does nothing', () => {
  assert.equal(nextWindow(undefined, item({ rows: [row('a')] })), undefined);
  const w = nextWindow(
    undefined,
    item({ offset: 0, keys: ['ns/a', 'ns/b'], rows: [row('a'), row('b')], total: 2, size: 5 }),
  );
  assert.deepEqual(w?.keys, ['ns/a', 'ns/b']);
  assert.deepEqual([...(w?.rows.keys() ?? [])], ['ns/a', 'ns/b']);
  assert.equal(w?.total, 2);
  assert.equal(w?.size, 5);
  assert.equal(w?.counting, undefined);
});

test('what an item leaves out did not move; rows out of the new order go, changed rows replace theirs', () => {
  const first = nextWindow(
    undefined,
    item({
      offset: 10,
      keys: ['ns/a', 'ns/b'],
      rows: [row('a'), row('b')],
      total: 2,
      size: 5,
      columns: [{ key: 'x', label: 'X', type: 'text' }],
    }),
  );
  const changed = nextWindow(first, item({ rows: [row('b', '2')] }));
  assert.equal(changed?.offset, 10);
  assert.equal(changed?.total, 2);
  assert.equal(changed?.size, 5);
  assert.equal(changed?.columns?.[0]?.key, 'x');
  assert.equal(changed?.rows.get('ns/b')?.rv, '2');
  assert.equal(changed?.rows.get('ns/a'), first?.rows.get('ns/a'));
  const moved = nextWindow(
    changed,
    item({ keys: ['ns/c', 'ns/a'], rows: [row('c')], total: 3, counting: true }),
  );
  assert.deepEqual([...(moved?.rows.keys() ?? [])], ['ns/c', 'ns/a']);
  assert.equal(moved?.rows.has('ns/b'), false);
  assert.equal(moved?.total, 3);
  assert.equal(moved?.size, 5);
  assert.equal(moved?.counting, true);
  assert.equal(nextWindow(moved, item({ total: 4 }))?.counting, undefined);
});
