import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindRefusal, isLoopback, listenHost, listenPort } from './bind';
import { startupRefusal } from './startup';

test('listenHost reads next start flags and the standalone HOSTNAME', () => {
  assert.equal(listenHost(['node', 'next', 'start', '--hostname', '0.0.0.0'], {}), '0.0.0.0');
  assert.equal(listenHost(['node', 'next', 'start', '--hostname=10.0.0.1'], {}), '10.0.0.1');
  assert.equal(listenHost(['node', 'next', 'start', '-H', '127.0.0.1'], {}), '127.0.0.1');
  assert.equal(listenHost(['node', 'next', 'start', '--port', '3000'], {}), undefined);
  assert.equal(listenHost(['node', '/app/server.js'], {}), '0.0.0.0');
  assert.equal(listenHost(['node', '/app/server.js'], { HOSTNAME: '127.0.0.1' }), '127.0.0.1');
  // Wheelhouse's server: HOSTNAME as in the image, else every interface; flags win.
  assert.equal(listenHost(['node', '/app/server.mjs'], { HOSTNAME: '0.0.0.0' }), '0.0.0.0');
  assert.equal(listenHost(['node', 'dist/server.mjs'], {}), undefined);
  assert.equal(
    listenHost(['node', 'dist/server.mjs', '--hostname', '127.0.0.1'], { HOSTNAME: 'x' }),
    '127.0.0.1',
  );
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
  const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 1)).toString('base64');
  assert.equal(
    startupRefusal(argv, { WHEELHOUSE_AUTH_MODE: 'token', WHEELHOUSE_SESSION_KEY: key }),
    undefined,
  );
  assert.match(
    startupRefusal(['node', 'next', 'start', '-H', '127.0.0.1'], { WHEELHOUSE_AUTH_MODE: 'saml' }) ?? '',
    /"local", "token" or "oidc"/,
  );
});

// Next lets a later flag override an earlier one: the guard must read the one Next will use.
test('listenHost reads the LAST --hostname, in every spelling', () => {
  const cases: [string[], string | undefined][] = [
    [['--hostname', '127.0.0.1', '--hostname', '0.0.0.0'], '0.0.0.0'],
    [['-H', '127.0.0.1', '-H', '0.0.0.0'], '0.0.0.0'],
    [['--hostname', '127.0.0.1', '--hostname=::'], '::'],
    [['-H127.0.0.1', '-H=0.0.0.0'], '0.0.0.0'],
    [['--hostname=0.0.0.0', '-H', '127.0.0.1'], '127.0.0.1'],
    [['--hostname', '127.0.0.1', '--port', '3000', '-H', '10.0.0.1'], '10.0.0.1'],
  ];
  for (const [args, want] of cases)
    assert.equal(listenHost(['node', 'next', 'start', ...args], {}), want, args.join(' '));
  // `npm run serve -- --hostname 0.0.0.0` appends to the script's own --hostname 127.0.0.1.
  assert.equal(
    bindRefusal(
      'local',
      listenHost(['node', 'next', 'start', '--hostname', '127.0.0.1', '--hostname', '0.0.0.0'], {}),
    ) !== undefined,
    true,
  );
});

test('listenPort: last --port/-p, then PORT, then 3000', () => {
  assert.equal(listenPort(['node', 'next', 'start', '--port', '3100'], {}), 3100);
  assert.equal(listenPort(['node', 'next', 'start', '-p', '1', '-p', '4000'], {}), 4000);
  assert.equal(listenPort(['node', 'next', 'start', '--port=4100'], {}), 4100);
  assert.equal(listenPort(['node', 'next', 'start', '-p4200'], {}), 4200);
  assert.equal(listenPort(['node', '/app/server.js'], { PORT: '8080' }), 8080);
  assert.equal(listenPort(['node', 'next', 'start'], {}), 3000);
});
