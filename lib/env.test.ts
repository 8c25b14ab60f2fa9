import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEnv } from './env';

const KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 5 + 3)).toString('base64');

test('local mode is the default and needs no key', () => {
  const env = parseEnv({});
  assert.equal(env.WHEELHOUSE_AUTH_MODE, 'local');
  assert.equal(env.WHEELHOUSE_SESSION_KEY, undefined);
  assert.equal(env.WHEELHOUSE_SA_TOKEN_FILE, '/var/run/secrets/kubernetes.io/serviceaccount/token');
});

test('token mode requires a 32-byte base64 session key', () => {
  assert.throws(() => parseEnv({ WHEELHOUSE_AUTH_MODE: 'token' }), /WHEELHOUSE_SESSION_KEY/);
  assert.throws(
    () =>
      parseEnv({
        WHEELHOUSE_AUTH_MODE: 'token',
        WHEELHOUSE_SESSION_KEY: Buffer.alloc(16).toString('base64'),
      }),
    /32 random bytes/,
  );
  assert.throws(
    () => parseEnv({ WHEELHOUSE_AUTH_MODE: 'token', WHEELHOUSE_SESSION_KEY: 'not base64!' }),
    /32 random bytes/,
  );
  const env = parseEnv({ WHEELHOUSE_AUTH_MODE: 'token', WHEELHOUSE_SESSION_KEY: KEY });
  assert.equal(env.WHEELHOUSE_SESSION_KEY?.length, 32);
});

test('unknown modes and bad numbers are refused with the variable named', () => {
  assert.throws(
    () => parseEnv({ WHEELHOUSE_AUTH_MODE: 'none' }),
    /WHEELHOUSE_AUTH_MODE must be "local", "token" or "oidc"/,
  );
  assert.throws(() => parseEnv({ WHEELHOUSE_SESSION_HOURS: '-1' }), /WHEELHOUSE_SESSION_HOURS/);
});

test('a session key that is a pattern, not random bytes, is refused', () => {
  for (const key of [Buffer.alloc(32), Buffer.alloc(32, 1), Buffer.from('ab'.repeat(16))]) {
    assert.throws(
      () => parseEnv({ WHEELHOUSE_AUTH_MODE: 'token', WHEELHOUSE_SESSION_KEY: key.toString('base64') }),
      /not random bytes/,
    );
  }
});

test('WHEELHOUSE_PUBLIC_URL holds one or more origins, and nothing else', () => {
  assert.deepEqual(parseEnv({}).WHEELHOUSE_PUBLIC_URL, []);
  assert.deepEqual(
    parseEnv({ WHEELHOUSE_PUBLIC_URL: 'https://Wheelhouse.Example.com/, https://ops.example.org:8443' })
      .WHEELHOUSE_PUBLIC_URL,
    ['https://wheelhouse.example.com', 'https://ops.example.org:8443'],
  );
  for (const bad of [
    'wheelhouse.example.com',
    'ftp://x.example',
    'https://x.example/path',
    'https://u:p@x.example',
  ])
    assert.throws(() => parseEnv({ WHEELHOUSE_PUBLIC_URL: bad }), /WHEELHOUSE_PUBLIC_URL/, bad);
});

test('oidc mode needs the provider, the client id, a session key and the public address', () => {
  const ok = {
    WHEELHOUSE_AUTH_MODE: 'oidc',
    WHEELHOUSE_SESSION_KEY: KEY,
    WHEELHOUSE_OIDC_ISSUER_URL: 'https://login.example.com/',
    WHEELHOUSE_OIDC_CLIENT_ID: 'wheelhouse',
    WHEELHOUSE_PUBLIC_URL: 'https://wh.example.com',
  };
  const env = parseEnv(ok);
  assert.equal(env.WHEELHOUSE_OIDC_ISSUER_URL, 'https://login.example.com', 'trailing slash dropped');
  assert.equal(env.WHEELHOUSE_OIDC_SCOPES, 'openid profile email groups offline_access');
  assert.equal(env.WHEELHOUSE_OIDC_REFRESH_SECONDS, 120);
  assert.equal(env.WHEELHOUSE_OIDC_CLIENT_SECRET, undefined);
  for (const missing of [
    'WHEELHOUSE_OIDC_ISSUER_URL',
    'WHEELHOUSE_OIDC_CLIENT_ID',
    'WHEELHOUSE_PUBLIC_URL',
    'WHEELHOUSE_SESSION_KEY',
  ]) {
    assert.throws(() => parseEnv({ ...ok, [missing]: undefined }), new RegExp(missing), missing);
  }
  assert.throws(
    () => parseEnv({ ...ok, WHEELHOUSE_OIDC_ISSUER_URL: 'http://login.example.com' }),
    /WHEELHOUSE_OIDC_ISSUER_URL: must be an https URL/,
  );
  assert.equal(
    parseEnv({ ...ok, WHEELHOUSE_OIDC_ISSUER_URL: 'http://127.0.0.1:4444' }).WHEELHOUSE_OIDC_ISSUER_URL,
    'http://127.0.0.1:4444',
  );
  assert.throws(() => parseEnv({ ...ok, WHEELHOUSE_OIDC_SCOPES: 'profile groups' }), /must include "openid"/);
});
