import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellValue, eventRow, tableColumns, tableResourceVersion, tableRows } from './table';

const defs = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'Colour', type: 'string', priority: 0 },
  { name: 'Size', type: 'integer', priority: 0 },
  { name: 'Detail', type: 'string', priority: 1 },
  {
    name: 'Age',
    type: 'date',
    priority: 0,
    description: 'Custom resource definition column (in JSONPath format): .metadata.creationTimestamp',
  },
];

const object = {
  kind: 'PartialObjectMetadata',
  metadata: {
    name: 'w1',
    namespace: 'ns',
    uid: 'u1',
    resourceVersion: '42',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { a: 'b' },
  },
};

test("kubectl get's columns: priority 0 only, without the name column, ages live", () => {
  assert.deepEqual(tableColumns(defs), [
    { key: 'c1', label: 'Colour', type: 'text' },
    { key: 'c2', label: 'Size', type: 'number' },
    { key: 'c4', label: 'Age', type: 'age' },
  ]);
});

test('rows: identity from the object, cells by position, the age as the creation time', () => {
  const [row] = tableRows({
    kind: 'Table',
    columnDefinitions: defs,
    rows: [{ cells: ['w1', 'blue\nand more', 3, 'x', '5m'], object }],
  });
  assert.deepEqual(row, {
    key: 'ns/w1',
    uid: 'u1',
    name: 'w1',
    namespace: 'ns',
    rv: '42',
    created: '2026-01-01T00:00:00.000Z',
    labels: { a: 'b' },
    cells: { c0: 'w1', c1: 'blue...', c2: 3, c3: 'x', c4: '2026-01-01T00:00:00.000Z' },
  });
});

test('watch events: one row, definitions from the list; bookmarks give their resourceVersion', () => {
  const r = eventRow({ kind: 'Table', rows: [{ cells: ['w1', 'red', null, '', '1s'], object }] }, defs);
  assert.equal(r?.cells.c1, 'red');
  assert.equal(r?.cells.c2, null);
  assert.equal(
    tableResourceVersion({
      kind: 'Table',
      rows: [{ cells: [], object: { metadata: { resourceVersion: '99' } } }],
    }),
    '99',
  );
  assert.equal(tableResourceVersion({ kind: 'Table', metadata: { resourceVersion: '7' }, rows: [] }), '7');
});

test('cells as kubectl prints them', () => {
  assert.equal(cellValue(true), 'true');
  assert.equal(cellValue(undefined), null);
  assert.equal(cellValue(1.5), 1.5);
  assert.equal(cellValue('a\rb'), 'a...');
});
