import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SUBSCRIPTIONS_PARAM, subscriptionsParam } from './validation';

const list = { context: 'admin', kind: 'pods', namespace: 'demo' };
const view = { context: 'admin', view: 'rollout', namespace: 'demo', kind: 'deployments', name: 'web' };

test('the stream URL carries the whole set: lists and views, as JSON', () => {
  const r = subscriptionsParam.safeParse(JSON.stringify([list, view]));
  assert.ok(r.success);
  assert.deepEqual(r.data, [list, view]);
  assert.deepEqual(subscriptionsParam.parse('[]'), []);
});

test('a set the stream cannot take is a sentence', () => {
  const message = (s: string) => {
    const r = subscriptionsParam.safeParse(s);
    assert.equal(r.success, false);
    return r.error?.issues[0]?.message ?? '';
  };
  assert.match(message('[{"context":'), /not JSON/);
  // A well-formed kind is checked against the cluster's discovery when the stream opens; a malformed one here.
  assert.match(message(JSON.stringify([{ ...list, kind: 'Widgets!' }])), /unknown kind "Widgets!"/);
  assert.match(message(JSON.stringify([{ ...list, extra: 1 }])), /.+/);
  assert.match(message('x'.repeat(MAX_SUBSCRIPTIONS_PARAM + 1)), /at most 8000 characters/);
  // The default bound per tab (50 lists) fits well inside the limit.
  const fifty = Array.from({ length: 50 }, (_, i) => ({ ...list, namespace: `team-${i}-namespace` }));
  assert.ok(JSON.stringify(fifty).length < MAX_SUBSCRIPTIONS_PARAM);
});

test('a list window is checked: its query as the URL query is, its size bounded', () => {
  const window = { q: 'web', selector: 'app=web', sort: 'restarts', dir: 'desc', offset: 100, count: 300 };
  const ok = subscriptionsParam.safeParse(JSON.stringify([{ ...list, window }]));
  assert.ok(ok.success);
  const message = (w: Record<string, unknown>) => {
    const r = subscriptionsParam.safeParse(JSON.stringify([{ ...list, window: { ...window, ...w } }]));
    assert.equal(r.success, false);
    return r.error?.issues.map((i) => i.message).join('; ') ?? '';
  };
  assert.match(message({ count: 5000 }), /at most 1000 rows/);
  assert.match(message({ selector: 'app in (web' }), /label selector: unbalanced/);
  assert.match(message({ sort: 'x;y' }), /column key/);
  assert.match(message({ offset: -1 }), /.+/);
  assert.match(message({ q: 'x'.repeat(201) }), /200 characters/);
});
