import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SubscriptionSpec, subscriptionId } from './protocol';

const window = (q: string, selector: string): SubscriptionSpec => ({
  context: 'admin',
  kind: 'pods',
  namespace: '_all',
  window: { q, selector, sort: 'name', dir: 'asc', offset: 0, count: 300 },
});

test('a subscription name is short, needs no JSON escapes, and names one spec', () => {
  const id = subscriptionId(window('', ''));
  assert.equal(id, 'w admin pods _all   name asc 0 300');
  assert.equal(JSON.stringify(id), `"${id}"`);
  // Fields with spaces, quotes or the separator's neighbours never make two specs one name.
  const ids = [
    window('a b', ''),
    window('a', 'b'),
    window('a%20b', ''),
    window('"x"', 'app=web, tier!=db'),
    { context: 'admin', kind: 'pods', namespace: '_all' },
    { context: 'admin', view: 'overview', namespace: '_all' },
    { context: 'admin', view: 'pod', namespace: 'demo', name: 'web-1' },
    { context: 'admin', view: 'pod', namespace: 'demo web-1' },
  ].map((s) => subscriptionId(s as SubscriptionSpec));
  assert.equal(new Set(ids).size, ids.length);
  for (const i of ids) assert.equal(JSON.stringify(i).length, i.length + 2, i);
});
