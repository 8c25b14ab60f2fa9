import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sseEvent, sseStream } from './sse';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

test('sseEvent frames one event with JSON data', () => {
  assert.equal(text(sseEvent('lines', { lines: ['a\nb'] })), 'event: lines\ndata: {"lines":["a\\nb"]}\n\n');
});

test('cleanup runs once when the request aborts, and the stream closes', async () => {
  const ac = new AbortController();
  let cleaned = 0;
  const stream = sseStream(ac.signal, (sink) => {
    sink.send('status', { message: 'hi' });
    return () => cleaned++;
  });
  const reader = stream.getReader();
  assert.match(text((await reader.read()).value ?? new Uint8Array()), /event: status/);
  ac.abort();
  ac.abort();
  assert.equal((await reader.read()).done, true);
  assert.equal(cleaned, 1);
});

test('cleanup runs once when the reader cancels (the client went away)', async () => {
  const ac = new AbortController();
  let cleaned = 0;
  const stream = sseStream(ac.signal, () => () => cleaned++);
  await stream.cancel();
  ac.abort();
  assert.equal(cleaned, 1);
});

test('a producer that closes at once still gets its cleanup, and later sends are dropped', async () => {
  let cleaned = 0;
  const stream = sseStream(new AbortController().signal, (sink) => {
    sink.send('end', { message: 'done' });
    sink.close();
    sink.send('lines', { lines: ['late'] });
    return () => cleaned++;
  });
  const reader = stream.getReader();
  const first = await reader.read();
  assert.match(text(first.value ?? new Uint8Array()), /event: end/);
  assert.equal((await reader.read()).done, true);
  assert.equal(cleaned, 1);
});
