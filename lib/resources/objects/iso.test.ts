import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toIso } from './iso';

test('toIso accepts Date and string and rejects garbage', () => {
  assert.equal(toIso('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00.000Z');
  assert.equal(toIso('not a date'), null);
  assert.equal(toIso(undefined), null);
});
