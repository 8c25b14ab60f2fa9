import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from './errors';
import { ALL_NAMESPACES, badAddress, objectName, parseScope, scopePath } from './params';

test('parseScope accepts DNS-1123 namespaces and the all-namespaces segment', () => {
  assert.deepEqual(parseScope({ context: 'kind-dev', namespace: 'team-a' }), {
    context: 'kind-dev',
    namespace: 'team-a',
    namespaceSegment: 'team-a',
  });
  assert.equal(parseScope({ context: 'x', namespace: ALL_NAMESPACES }).namespace, undefined);
});

test('parseScope decodes context names with reserved characters', () => {
  const ctx = 'arn:aws:eks:eu-west-1:123:cluster/prod';
  assert.equal(parseScope({ context: encodeURIComponent(ctx), namespace: 'default' }).context, ctx);
});

for (const bad of ['Upper', 'under_score', '-lead', 'trail-', 'a'.repeat(64), '', 'dot.ted']) {
  test(`parseScope rejects namespace ${JSON.stringify(bad)} with a 400 that says why`, () => {
    assert.throws(
      () => parseScope({ context: 'c', namespace: bad }),
      (e: unknown) => e instanceof AppError && e.status === 400 && /namespace/.test(e.message),
    );
  });
}

test('parseScope rejects broken percent-encoding and control characters', () => {
  assert.throws(() => parseScope({ context: '%E0%A4%A', namespace: 'default' }), /percent-encoding/);
  assert.throws(() => parseScope({ context: 'a%0Ab', namespace: 'default' }), /control characters/);
});

test('objectName allows subdomains but not uppercase or long labels', () => {
  assert.equal(objectName.safeParse('web.v1-api').success, true);
  assert.equal(objectName.safeParse('Web').success, false);
  assert.equal(objectName.safeParse(`${'a'.repeat(64)}.b`).success, false);
});

test('scopePath encodes the context so it survives routing', () => {
  assert.equal(scopePath('a/b', 'ns', 'deployments'), '/c/a%2Fb/ns/deployments');
});

test('badAddress checks names by the rules of their kind, for pages and the API', () => {
  const ok = [
    '/c/admin/demo/deployments/web',
    '/c/admin/demo/events/web.17f3a2b',
    '/c/admin/_all/nodes/node-1.example',
    '/c/admin/demo/pods/web-1/logs',
    '/c/admin/demo/workloads/deployment/web/logs',
    '/api/c/admin/demo/secrets/db-creds/reveal',
    '/api/c/admin/demo/workloads/deployments/web/scale',
    '/c/admin/demo/services/web',
    '/c/admin/demo/deployments',
    '/sign-in',
  ];
  for (const p of ok) assert.equal(badAddress(p), undefined, p);
  const bad: [string, RegExp][] = [
    ['/c/admin/demo/events/trailing-', /DNS-1123 subdomain/],
    ['/c/admin/demo/configmaps/UPPER', /DNS-1123 subdomain/],
    ['/c/admin/_all/secrets/a..b', /DNS-1123 subdomain/],
    ['/c/admin/demo/pods/%27quote/logs', /DNS-1123 subdomain/],
    ['/c/admin/demo/services/1web', /DNS-1035 label/],
    ['/c/admin/_all/namespaces/a.b', /DNS-1123 label/],
    ['/c/admin/demo/workloads/deployment/-web', /DNS-1123 subdomain/],
    ['/api/c/admin/demo/pods/Bad/log', /DNS-1123 subdomain/],
    ['/api/c/admin/demo/workloads/deployments/web./scale', /DNS-1123 subdomain/],
    [`/c/admin/demo/deployments/${'a'.repeat(254)}`, /at most 253/],
    ['/c/admin/demo/deployments/%zz', /percent-encoding/],
    ['/c/admin/Demo/deployments', /namespace/],
  ];
  for (const [p, why] of bad) assert.match(badAddress(p) ?? '', why, p);
});
