import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainInput, plainTranscript, Transcript } from './transcript';

const b = (s: string) => Buffer.from(s, 'utf8');

test('a transcript keeps input and output apart and counts every byte', () => {
  const t = new Transcript(1024);
  t.add('input', b('echo hi\r'));
  t.add('output', b('echo hi\r\nhi\r\n'));
  assert.deepEqual(t.text(), {
    input: 'echo hi\r',
    output: 'echo hi\r\nhi\r\n',
    truncated: false,
    bytes: 21,
  });
});

test('past the budget nothing more is kept, the text says truncated, and bytes still count', () => {
  const t = new Transcript(10);
  t.add('output', b('0123456'));
  t.add('input', b('abcdef'));
  t.add('output', b('more output'));
  const text = t.text();
  assert.equal(text.output, '0123456');
  assert.equal(text.input, 'abc');
  assert.equal(text.truncated, true);
  assert.equal(text.bytes, 24);
  assert.equal(Buffer.byteLength(text.input + text.output), 10);
});

test('a multi-byte character split across chunks survives; one cut by the budget is dropped whole', () => {
  const t = new Transcript(1024);
  const euro = b('€'); // 3 bytes
  t.add('output', euro.subarray(0, 1));
  t.add('output', euro.subarray(1));
  assert.equal(t.text().output, '€');
  const cut = new Transcript(4);
  cut.add('output', b('a€b'));
  assert.equal(cut.text().output, 'a€');
  const mid = new Transcript(2);
  mid.add('output', b('a€'));
  assert.equal(mid.text().output, 'a');
});

test('the default budget is 256 KiB', () => {
  const t = new Transcript();
  t.add('output', Buffer.alloc(256 * 1024, 0x61));
  assert.equal(t.truncated, false);
  t.add('output', b('x'));
  assert.equal(t.truncated, true);
  assert.equal(t.text().output.length, 256 * 1024);
});

test('plainTranscript removes escape sequences and applies CR and backspace as a terminal would', () => {
  assert.equal(plainTranscript('\u001b[1;32mpod$\u001b[0m ls\r\nfile\r\n'), 'pod$ ls\nfile\n');
  assert.equal(plainTranscript('\u001b]0;title\u0007abx\u0008c'), 'abc');
  assert.equal(plainTranscript('a\u001b[?2004hb'), 'ab');
  // bash's bracketed-paste off, then CR: no blank line; a progress line overwritten in place.
  assert.equal(plainTranscript('$ ls\r\n\u001b[?2004l\rtotal 12\r\n'), '$ ls\ntotal 12\n');
  assert.equal(plainTranscript('10%\r50%\r100%\n'), '100%\n');
  assert.equal(plainTranscript('abcdef\rXY'), 'XYcdef');
});

test('plainInput names the control keys', () => {
  assert.equal(plainInput('ls\u0009\r\u0003\u001b[A'), 'ls⟨Tab⟩\n⟨Ctrl-C⟩⟨↑⟩');
});
