import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Row } from '../resources/lists/rows/types';
import {
  applyBookmark,
  applyChanges,
  applyEvent,
  backoffMs,
  type Change,
  coalesce,
  fromList,
  isGone,
  isIdleTimeout,
} from './reducer';

const row = (name: string, rv: string, uid = `u-${name}`): Row => ({
  key: `ns/${name}`,
  uid,
  name,
  namespace: 'ns',
  rv,
  created: null,
  labels: {},
  cells: { v: rv },
});

test('events update the state and say what subscribers must hear', () => {
  const s = fromList([row('a', '1')], '10');
  assert.deepEqual(applyEvent(s, 'ADDED', row('b', '11')), {
    type: 'ADDED',
    key: 'ns/b',
    row: row('b', '11'),
  });
  assert.equal(s.rv, '11');
  // A replayed ADDED for an object the list already had is not news.
  assert.equal(applyEvent(s, 'ADDED', row('a', '1')), null);
  assert.equal(applyEvent(s, 'MODIFIED', row('a', '12'))?.type, 'MODIFIED');
  // MODIFIED for an unknown key (missed ADDED) is an ADDED for the browser.
  assert.equal(applyEvent(s, 'MODIFIED', row('c', '13'))?.type, 'ADDED');
  assert.deepEqual(applyEvent(s, 'DELETED', row('b', '14')), {
    type: 'DELETED',
    key: 'ns/b',
    prev: row('b', '11'),
  });
  assert.equal(applyEvent(s, 'DELETED', row('zz', '15')), null);
  assert.deepEqual([...s.rows.keys()].sort(), ['ns/a', 'ns/c']);
  assert.equal(s.rv, '15');
  applyBookmark(s, '99');
  assert.equal(s.rv, '99');
  applyBookmark(s, undefined);
  assert.equal(s.rv, '99');
});

test('a recreated object with the same name and resourceVersion but a new uid is a change', () => {
  const s = fromList([row('a', '5', 'old')], '5');
  assert.equal(applyEvent(s, 'ADDED', row('a', '5', 'new'))?.type, 'MODIFIED');
});

test('a change carries the row it replaces, and coalescing leaves it off what is sent', () => {
  const s = fromList([row('a', '1'), row('b', '1')], '1');
  const old = s.rows.get('ns/a');
  const mod = applyEvent(s, 'MODIFIED', row('a', '2'));
  assert.equal(mod?.prev, old);
  const gone = applyEvent(s, 'DELETED', row('b', '3'));
  assert.equal(gone?.prev?.rv, '1');
  assert.equal(applyEvent(s, 'ADDED', row('c', '4'))?.prev, undefined);
  const pending = new Map<string, Change>();
  for (const c of [mod, gone]) if (c) coalesce(pending, c);
  assert.deepEqual(
    [...pending.values()].map((c) => Object.keys(c).sort().join(',')),
    ['key,row,type', 'key,type'],
  );
});

test('coalescing keeps one entry per object and the browser ends in the same state', () => {
  const events: Change[] = [
    { type: 'ADDED', key: 'ns/a', row: row('a', '1') },
    { type: 'MODIFIED', key: 'ns/a', row: row('a', '2') },
    { type: 'ADDED', key: 'ns/b', row: row('b', '3') },
    { type: 'DELETED', key: 'ns/b' },
    { type: 'MODIFIED', key: 'ns/x', row: row('x', '4') },
    { type: 'DELETED', key: 'ns/x' },
    { type: 'DELETED', key: 'ns/y' },
    { type: 'ADDED', key: 'ns/y', row: row('y', '5', 'u2') },
  ];
  const start = fromList([row('x', '0'), row('y', '0')], '0').rows;
  const pending = new Map<string, Change>();
  for (const e of events) coalesce(pending, e);
  assert.deepEqual(
    [...pending.values()].map((c) => `${c.type} ${c.key} ${c.row?.rv ?? ''}`),
    ['ADDED ns/a 2', 'DELETED ns/x ', 'MODIFIED ns/y 5'],
  );
  const oneByOne = applyChanges(start, events);
  const folded = applyChanges(start, [...pending.values()]);
  assert.deepEqual(folded, oneByOne);
  assert.notEqual(folded, start, 'a new Map, so React re-renders');
});

test('backoff grows, is capped and jittered', () => {
  assert.equal(backoffMs(0, 1), 500);
  assert.equal(backoffMs(0, 0), 250);
  assert.equal(backoffMs(3, 1), 4000);
  assert.equal(backoffMs(50, 1), 8000);
  assert.equal(backoffMs(50, 0), 4000);
});

test('410 and idle timeouts are recognised in the shapes client-node produces', () => {
  assert.ok(isGone({ code: 410 }));
  assert.ok(isGone(Object.assign(new Error('Gone'), { statusCode: 410 })));
  assert.ok(!isGone({ code: 500 }));
  assert.ok(!isGone(null));
  assert.ok(isIdleTimeout(new DOMException('timeout', 'TimeoutError')));
  assert.ok(!isIdleTimeout(new Error('x')));
});
