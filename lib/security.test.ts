import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossOriginRefusal, isPublicPath, pageCsp, safeNext } from './security';

test('safe methods pass without an Origin', () => {
  for (const m of ['GET', 'HEAD', 'OPTIONS', 'get'])
    assert.equal(crossOriginRefusal(m, null, 'h:1'), undefined);
});

test('changes need an Origin naming this host', () => {
  assert.equal(crossOriginRefusal('POST', 'http://127.0.0.1:3000', '127.0.0.1:3000'), undefined);
  assert.match(crossOriginRefusal('POST', null, '127.0.0.1:3000') ?? '', /no Origin/);
  assert.match(crossOriginRefusal('PATCH', 'null', '127.0.0.1:3000') ?? '', /no Origin/);
  assert.match(crossOriginRefusal('DELETE', 'http://evil.example', '127.0.0.1:3000') ?? '', /another site/);
  assert.match(crossOriginRefusal('POST', 'http://127.0.0.1:3001', '127.0.0.1:3000') ?? '', /another site/);
  assert.match(crossOriginRefusal('PUT', '::::', '127.0.0.1:3000') ?? '', /malformed/);
  assert.match(crossOriginRefusal('POST', 'http://127.0.0.1:3000', null) ?? '', /another site/);
});

test('the page CSP allows scripts only by nonce and forbids framing', () => {
  const csp = pageCsp('n0nce', false);
  assert.match(csp, /script-src 'self' 'nonce-n0nce' 'strict-dynamic'(;|$)/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-(inline|eval)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(pageCsp('n', true), /'unsafe-eval'/);
});

test('only sign-in, health and build assets are public', () => {
  assert.equal(isPublicPath('/sign-in'), true);
  assert.equal(isPublicPath('/api/healthz'), true);
  assert.equal(isPublicPath('/api/session'), true);
  assert.equal(isPublicPath('/c/admin/demo/deployments'), false);
  assert.equal(isPublicPath('/api/c/admin/demo/deployments'), false);
  assert.equal(isPublicPath('/sign-in/../c'), false);
  assert.equal(isPublicPath('/'), false);
});

test('after sign-in only local paths are followed', () => {
  assert.equal(safeNext('/c/a/b'), '/c/a/b');
  assert.equal(safeNext('//evil.example'), '/');
  assert.equal(safeNext('https://evil.example'), '/');
  assert.equal(safeNext('/\\evil.example'), '/');
  assert.equal(safeNext(undefined), '/');
});
