import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowLayout } from './row-layout';

test('rows of one height: starts, size and the range in view', () => {
  const l = rowLayout(150_000, 36, 0, []);
  assert.equal(l.size, 150_000 * 36);
  assert.equal(l.start(1000), 36_000);
  assert.deepEqual(l.range(36_000, 36_000 + 900, 0), { first: 1000, last: 1024 });
  assert.deepEqual(l.range(0, 900, 12), { first: 0, last: 36 });
  assert.deepEqual(l.range(150_000 * 36 - 10, 150_000 * 36 + 500, 12), { first: 149_987, last: 149_999 });
});

test('taller rows in the window push the rows below them down, and only those', () => {
  // The window is rows 100..104; rows 101 and 103 are 20 and 50 px taller.
  const l = rowLayout(1000, 36, 100, [0, 20, 0, 50, 0]);
  assert.equal(l.start(100), 3600);
  assert.equal(l.start(101), 3636);
  assert.equal(l.start(102), 3692);
  assert.equal(l.start(104), 36 * 104 + 70);
  assert.equal(l.start(500), 36 * 500 + 70);
  assert.equal(l.size, 36_000 + 70);
  // Row 101 spans 3636..3692 (56 px): a point inside it is that row.
  assert.deepEqual(l.range(3690, 3691, 0), { first: 101, last: 101 });
  assert.deepEqual(l.range(3692, 3693, 0), { first: 102, last: 102 });
  // Below the window, offsets count the extra height once.
  assert.deepEqual(l.range(36 * 200 + 70, 36 * 200 + 71, 0), { first: 200, last: 200 });
  // Above it, none.
  assert.deepEqual(l.range(36 * 50, 36 * 50 + 1, 0), { first: 50, last: 50 });
});

test('an empty list has no rows in range, and a negative extra counts as none', () => {
  assert.deepEqual(rowLayout(0, 36, 0, []).range(0, 900, 12), { first: 0, last: -1 });
  assert.equal(rowLayout(10, 36, 0, [-5, 0]).size, 360);
});
