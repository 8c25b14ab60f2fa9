import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAge } from './format';

const now = Date.parse('2026-11-25T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

test('formatAge follows kubectl units', () => {
  assert.equal(formatAge(ago(5), now), '5s');
  assert.equal(formatAge(ago(119), now), '119s');
  assert.equal(formatAge(ago(120), now), '2m');
  assert.equal(formatAge(ago(3 * 3600), now), '3h');
  assert.equal(formatAge(ago(3 * 86400), now), '3d');
  assert.equal(formatAge(ago(800 * 86400), now), '2y');
});

test('formatAge never goes negative and handles missing times', () => {
  assert.equal(formatAge(ago(-30), now), '0s');
  assert.equal(formatAge(null, now), '—');
});
