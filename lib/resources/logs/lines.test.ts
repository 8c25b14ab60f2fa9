import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter, sanitizeLine, truncationMarker } from './lines';

const enc = (s: string) => new TextEncoder().encode(s);

test('lines split across chunks, CRLF and a final unterminated line', () => {
  const s = new LineSplitter();
  assert.deepEqual(s.push(enc('first\r\nsec')), ['first']);
  assert.deepEqual(s.push(enc('ond\nthi')), ['second']);
  assert.deepEqual(s.flush(), ['thi']);
});

test('a multi-byte character split between chunks survives', () => {
  const bytes = enc('größe ✓\n');
  const s = new LineSplitter();
  const out = [...s.push(bytes.slice(0, 3)), ...s.push(bytes.slice(3, 9)), ...s.push(bytes.slice(9))];
  assert.deepEqual(out, ['größe ✓']);
});

test('a huge line is cut at the limit, says how much was dropped, and the next line is intact', () => {
  const s = new LineSplitter(10);
  const out = [...s.push(enc('x'.repeat(25))), ...s.push(enc(`${'y'.repeat(5)}\nnext\n`))];
  assert.deepEqual(out, [`${'x'.repeat(10)}${truncationMarker(20)}`, 'next']);
});

test('binary output and terminal escapes become visible, inert text', () => {
  const s = new LineSplitter();
  const out = s.push(new Uint8Array([0x00, 0x01, 0xff, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x41, 0x07, 0x0a]));
  assert.deepEqual(out, ['\\x00\\x01\uFFFDA\\x07']);
  assert.equal(sanitizeLine('\ttab kept'), '\ttab kept');
});
