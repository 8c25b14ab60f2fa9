import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePort, runUntilExit, sessionKey, startDashboard } from '../support/server';

// The real server (dist/server.mjs) of the built app: the guard lives in instrumentation.ts and must stop the
// process itself, whatever else the app does.

test('local mode asked to listen on 0.0.0.0 refuses to start and says why', async () => {
  const port = await freePort();
  const r = await runUntilExit(['--hostname', '0.0.0.0', '--port', String(port)], {
    WHEELHOUSE_AUTH_MODE: 'local',
  });
  assert.equal(r.code, 78, r.output);
  assert.match(r.output, /refuses to listen on "0\.0\.0\.0" in local mode/);
  assert.match(r.output, /WHEELHOUSE_AUTH_MODE=token/);
});

test('local mode without --hostname (every interface) refuses too', async () => {
  const r = await runUntilExit(['--port', String(await freePort())], {});
  assert.equal(r.code, 78, r.output);
  assert.match(r.output, /every network interface/);
});

test('token mode without a session key refuses to start', async () => {
  const r = await runUntilExit(['--hostname', '127.0.0.1', '--port', String(await freePort())], {
    WHEELHOUSE_AUTH_MODE: 'token',
  });
  assert.equal(r.code, 78, r.output);
  assert.match(r.output, /WHEELHOUSE_SESSION_KEY/);
});

test('local mode on loopback, and token mode on 0.0.0.0, start and serve', async () => {
  const local = await startDashboard({ WHEELHOUSE_AUTH_MODE: 'local' });
  try {
    assert.equal((await fetch(`${local.url}/api/healthz`)).status, 200);
  } finally {
    await local.stop();
  }
  const token = await startDashboard(
    { WHEELHOUSE_AUTH_MODE: 'token', WHEELHOUSE_SESSION_KEY: sessionKey() },
    '0.0.0.0',
  );
  try {
    assert.equal((await fetch(`${token.url}/api/healthz`)).status, 200);
    // and everything else wants a sign-in
    assert.equal((await fetch(`${token.url}/api/c/x/default/deployments`)).status, 401);
  } finally {
    await token.stop();
  }
});

// `npm run serve -- --hostname 0.0.0.0` appends to the script's own --hostname 127.0.0.1, and Next
// uses the last one: the guard must read the same.
for (const args of [
  ['--hostname', '127.0.0.1', '--hostname', '0.0.0.0'],
  ['-H', '127.0.0.1', '-H', '0.0.0.0'],
  ['--hostname', '127.0.0.1', '--hostname=::'],
]) {
  test(`local mode with repeated hostnames (${args.join(' ')}) refuses to start`, async () => {
    const r = await runUntilExit([...args, '--port', String(await freePort())], {
      WHEELHOUSE_AUTH_MODE: 'local',
    });
    assert.equal(r.code, 78, r.output);
    assert.match(r.output, /refuses to listen on "(0\.0\.0\.0|::)" in local mode/);
  });
}

test('token mode with a session key of 32 zero bytes refuses to start', async () => {
  const r = await runUntilExit(['--hostname', '127.0.0.1', '--port', String(await freePort())], {
    WHEELHOUSE_AUTH_MODE: 'token',
    WHEELHOUSE_SESSION_KEY: Buffer.alloc(32).toString('base64'),
  });
  assert.equal(r.code, 78, r.output);
  assert.match(r.output, /not random bytes/);
});
