import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPublicPath, pageCsp, safeNext } from './security';

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
  // public/ files answer signed out, so browsers and crawlers get the icon and robots rule.
  assert.equal(isPublicPath('/robots.txt'), true);
  assert.equal(isPublicPath('/icon.svg'), true);
  assert.equal(isPublicPath('/api/c/admin/demo/deployments'), false);
  assert.equal(isPublicPath('/sign-in/../c'), false);
  assert.equal(isPublicPath('/'), false);
});

test('after sign-in only local paths are followed', () => {
  assert.equal(safeNext('/c/a/b'), '/c/a/b');
  assert.equal(safeNext('/c/a/b?x=1#top'), '/c/a/b?x=1#top');
  assert.equal(safeNext('/c/a/%2F%2Fother'), '/c/a/%2F%2Fother');
  assert.equal(safeNext(undefined), '/');
});

// Each of these, followed by a browser, ends on another host (or could): every one must give '/'.
const hostile = [
  '//evil.example',
  '///evil.example',
  'https://evil.example',
  'http:evil.example',
  'javascript:alert(1)',
  'evil.example',
  '/\\evil.example',
  '\\evil.example',
  '/\\/evil.example',
  '/\n/evil.example/path',
  '/\r/evil.example/path',
  '/\t/evil.example/path',
  '/\u0000/evil.example',
  '/\u001f/evil.example',
  '/\u007f/evil.example',
  '/\u0085/evil.example',
  '/\u2028/evil.example',
  '/\u00a0/evil.example',
  '\n//evil.example',
  ' //evil.example',
  '/ /evil.example'.replace(' ', '\t'),
  `/${'a'.repeat(2001)}`,
  '',
];

for (const next of hostile) {
  test(`safeNext refuses ${JSON.stringify(next).slice(0, 40)}`, () => {
    assert.equal(safeNext(next), '/');
  });
}
