import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookieIsSecure, type Session, seal, sessionExpiry, tokenExpiry, unseal } from './session-seal';

const key = Buffer.alloc(32, 3);
const now = 1_800_000_000;
const session: Session = {
  v: 1,
  token: 'abc.def.ghi',
  username: 'system:serviceaccount:demo:viewer',
  groups: ['g'],
  iat: now,
  exp: now + 60,
};

function jwt(payload: object): string {
  return `x.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
}

test('a sealed session opens with the same key, and hides the token', () => {
  const value = seal(session, key);
  assert.equal(value.includes('abc'), false);
  assert.deepEqual(unseal(value, key, now), session);
  // every seal uses a fresh IV
  assert.notEqual(seal(session, key), value);
});

test('a session does not open with another key, when tampered with, or after it expires', () => {
  const value = seal(session, key);
  assert.equal(unseal(value, Buffer.alloc(32, 4), now), undefined);
  const raw = Buffer.from(value, 'base64url');
  raw[20] = (raw[20] ?? 0) ^ 1;
  assert.equal(unseal(raw.toString('base64url'), key, now), undefined);
  assert.equal(unseal(value, key, now + 60), undefined);
  assert.equal(unseal('', key, now), undefined);
  assert.equal(unseal('garbage', key, now), undefined);
});

test('the session ends with the token or after the cap, whichever is first', () => {
  assert.equal(tokenExpiry(jwt({ exp: now + 100 })), now + 100);
  assert.equal(tokenExpiry('opaque-token'), undefined);
  assert.equal(sessionExpiry(jwt({ exp: now + 100 }), 8, now), now + 100);
  assert.equal(sessionExpiry(jwt({ exp: now + 10 ** 6 }), 8, now), now + 8 * 3600);
  assert.equal(sessionExpiry('opaque-token', 1, now), now + 3600);
});

test('cookies are Secure except on plain-http loopback', () => {
  assert.equal(cookieIsSecure('https:', true), true);
  assert.equal(cookieIsSecure('http:', false), true);
  assert.equal(cookieIsSecure('http:', true), false);
});
