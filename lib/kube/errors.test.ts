import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiException } from '@kubernetes/client-node';
import { toAppError } from './errors';

const attempt = { context: 'prod', verb: 'list', resource: 'secrets', namespace: 'shop' } as const;

function apiError(code: number, body: unknown) {
  return new ApiException(code, 'x', JSON.stringify(body), { authorization: 'Bearer SECRET-TOKEN' });
}

test('403 becomes "you may not" naming verb, resource and namespace', () => {
  const e = toAppError(apiError(403, { reason: 'Forbidden' }), attempt);
  assert.equal(e.status, 403);
  assert.equal(e.message, 'You may not list secrets in namespace "shop".');
});

test('no mapped message ever carries headers or the raw body', () => {
  for (const code of [400, 401, 403, 404, 409, 410, 422, 429, 500, 503]) {
    const e = toAppError(apiError(code, { message: 'RAW-BODY-TEXT' }), attempt);
    assert.doesNotMatch(e.message, /SECRET-TOKEN|RAW-BODY-TEXT|HTTP-Code/);
  }
});

test('409 and 422 say what happened; 422 lists field causes', () => {
  const get = { ...attempt, verb: 'patch', resource: 'deployment', name: 'web' } as const;
  assert.match(toAppError(apiError(409, {}), get).message, /changed since you looked/);
  const invalid = toAppError(
    apiError(422, { details: { causes: [{ field: 'spec.replicas', message: 'must be >= 0' }] } }),
    get,
  );
  assert.equal(invalid.status, 422);
  assert.match(invalid.message, /spec\.replicas: must be >= 0/);
});

test('404 names the object, 410 asks for a reload', () => {
  const get = { ...attempt, verb: 'get', resource: 'secret', name: 'db' } as const;
  assert.equal(toAppError(apiError(404, {}), get).message, 'Secret "db" was not found in namespace "shop".');
  assert.equal(toAppError(apiError(410, {}), attempt).status, 410);
});

test('a refused connection is 503 "cannot reach" naming the context', () => {
  const err = new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
  });
  const e = toAppError(err, attempt);
  assert.equal(e.status, 503);
  assert.equal(e.code, 'unreachable');
  assert.match(e.message, /context "prod"/);
});

test('a fetch failure without an errno is still "cannot reach"', () => {
  const err = new TypeError('fetch failed', { cause: new Error('bad port') });
  assert.equal(toAppError(err, attempt).status, 503);
});

test('cluster-scoped resources are not said to be in a namespace', () => {
  const e = toAppError(apiError(403, {}), { context: 'c', verb: 'list', resource: 'namespaces' });
  assert.equal(e.message, 'You may not list namespaces in this cluster.');
});
