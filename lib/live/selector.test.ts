import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesSelector } from './selector';

test('matchLabels and matchExpressions are ANDed, as the API server does', () => {
  const sel = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['front', 'edge'] },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  };
  assert.equal(matchesSelector(sel, { app: 'web', tier: 'front' }), true);
  assert.equal(matchesSelector(sel, { app: 'web', tier: 'back' }), false);
  assert.equal(matchesSelector(sel, { app: 'web', tier: 'edge', canary: '' }), false);
  assert.equal(matchesSelector(sel, { app: 'api', tier: 'front' }), false);
  assert.equal(
    matchesSelector({ matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['1'] }] }, {}),
    true,
  );
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, { x: '' }), true);
});

test('an absent or empty selector matches nothing', () => {
  assert.equal(matchesSelector(undefined, { app: 'web' }), false);
  assert.equal(matchesSelector({}, { app: 'web' }), false);
});
