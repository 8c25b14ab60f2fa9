import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindRefusal, isLoopback, listenHost } from './bind';
import { startupRefusal } from './startup';

test('listenHost reads next start flags and the standalone HOSTNAME', () => {
  assert.equal(listenHost(['node', 'next', 'start', '--hostname', '0.0.0.0'], {}), '0.0.0.0');
  assert.equal(listenHost(['node', 'next', 'start', '--hostname=10.0.0.1'], {}), '10.0.0.1');
  assert.equal(listenHost(['node', 'next', 'start', '-H', '127.0.0.1'], {}), '127.0.0.1');
  assert.equal(listenHost(['node', 'next', 'start', '--port', '3000'], {}), undefined);
  assert.equal(listenHost(['node', '/app/server.js'], {}), '0.0.0.0');
  assert.equal(listenHost(['node', '/app/server.js'], { HOSTNAME: '127.0.0.1' }), '127.0.0.1');
});

test('loopback means 127/8, ::1 and localhost, nothing else', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) {
    assert.equal(isLoopback(h), true, h);
  }
  for (const h of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.1', 'example.com', '', '128.0.0.1', undefined]) {
    assert.equal(isLoopback(h), false, String(h));
  }
});

test('local mode refuses every non-loopback address and explains why; token mode may listen anywhere', () => {
  const refusal = bindRefusal('local', '0.0.0.0');
  assert.match(refusal ?? '', /refuses to listen on "0\.0\.0\.0"/);
  assert.match(refusal ?? '', /WHEELHOUSE_AUTH_MODE=token/);
  assert.match(bindRefusal('local', undefined) ?? '', /every network interface/);
  assert.equal(bindRefusal('local', '127.0.0.1'), undefined);
  assert.equal(bindRefusal('token', '0.0.0.0'), undefined);
});

test('startupRefusal combines env validation and the bind rule', () => {
  const argv = ['node', 'next', 'start', '--hostname', '0.0.0.0'];
  assert.match(startupRefusal(argv, {}) ?? '', /refuses to listen/);
  assert.match(startupRefusal(argv, { WHEELHOUSE_AUTH_MODE: 'token' }) ?? '', /WHEELHOUSE_SESSION_KEY/);
  const key = Buffer.alloc(32, 7).toString('base64');
  assert.equal(
    startupRefusal(argv, { WHEELHOUSE_AUTH_MODE: 'token', WHEELHOUSE_SESSION_KEY: key }),
    undefined,
  );
  assert.match(
    startupRefusal(['node', 'next', 'start', '-H', '127.0.0.1'], { WHEELHOUSE_AUTH_MODE: 'oidc' }) ?? '',
    /"local" or "token"/,
  );
});
