import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryDelayMs } from './poll-retry';

test('retries start at the poll interval, double, and stop growing at the cap', () => {
  const mid = (n: number) => retryDelayMs(n, 2000, 10_000, 0.5);
  assert.deepEqual([1, 2, 3, 4, 5, 50].map(mid), [2000, 4000, 8000, 10_000, 10_000, 10_000]);
});

test('jitter stays within a quarter either way', () => {
  assert.equal(retryDelayMs(1, 2000, 10_000, 0), 1500);
  assert.equal(retryDelayMs(1, 2000, 10_000, 1), 2500);
  assert.equal(retryDelayMs(9, 2000, 10_000, 1), 12_500);
});
