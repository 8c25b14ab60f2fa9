import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEnv } from './env';

const KEY = Buffer.alloc(32, 1).toString('base64');

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
    /WHEELHOUSE_AUTH_MODE must be "local" or "token"/,
  );
  assert.throws(() => parseEnv({ WHEELHOUSE_SESSION_HOURS: '-1' }), /WHEELHOUSE_SESSION_HOURS/);
});
