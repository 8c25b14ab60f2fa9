import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seal, unseal } from '../../session-seal';
import {
  cookieSeconds,
  needsRefresh,
  openFlow,
  redirectUri,
  refreshedSession,
  sealFlow,
  sessionFromTokens,
} from './session';

const key = Buffer.alloc(32, 7);
const now = 1_800_000_000;
const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;
const who = { username: 'oidc:ada', groups: ['oidc:viewers', 'system:authenticated'] };
const flow = {
  state: 's'.repeat(22),
  nonce: 'n'.repeat(22),
  verifier: 'v'.repeat(43),
  next: '/x',
  exp: now + 600,
};

test('the flow cookie opens with its key until it expires, and never as a session', () => {
  const value = sealFlow(flow, key);
  assert.deepEqual(openFlow(value, key, now), flow);
  assert.equal(openFlow(value, key, now + 600), undefined);
  assert.equal(openFlow(value, Buffer.alloc(32, 8), now), undefined);
  assert.equal(openFlow(`${value.slice(0, -2)}AA`, key, now), undefined);
  // Sealed under another name: a flow cookie pasted as the session cookie opens as nothing.
  assert.equal(unseal(value, key, now), undefined);
});

test('the redirect URI is on the first public address', () => {
  assert.equal(
    redirectUri(['https://wh.example.com', 'http://127.0.0.1:3000']),
    'https://wh.example.com/api/session/oidc/callback',
  );
  assert.throws(() => redirectUri([]));
});

test('a session ends with its ID token without a refresh token, at the hour cap with one', () => {
  const idToken = jwt({ exp: now + 300 });
  const plain = sessionFromTokens({ idToken }, who, 'sid1', 8, now);
  assert.equal(plain.exp, now + 300);
  assert.equal(cookieSeconds(plain, now), 8 * 3600);
  assert.equal(
    unseal(seal(plain, key), key, now + 301),
    undefined,
    'no refresh token: over with the ID token',
  );

  const renewable = sessionFromTokens({ idToken, refreshToken: 'rt1' }, who, 'sid1', 8, now);
  assert.equal(renewable.oidc?.until, now + 8 * 3600);
  // Past the ID token's expiry the cookie still opens, so that the proxy can refresh it.
  assert.equal(unseal(seal(renewable, key), key, now + 301)?.token, idToken);
  assert.equal(unseal(seal(renewable, key), key, now + 8 * 3600), undefined);
  // The ID token never extends the session past the cap.
  assert.equal(sessionFromTokens({ idToken: jwt({ exp: now + 99_999 }) }, who, 'x', 1, now).exp, now + 3600);
});

test('refresh is due inside the margin, only with a refresh token and before the cap', () => {
  const s = sessionFromTokens({ idToken: jwt({ exp: now + 300 }), refreshToken: 'rt' }, who, 'sid', 8, now);
  assert.equal(needsRefresh(s, 120, now), false);
  assert.equal(needsRefresh(s, 120, now + 181), true);
  assert.equal(needsRefresh(s, 120, now + 400), true, 'an expired ID token is refreshed too');
  assert.equal(needsRefresh(s, 120, now + 8 * 3600), false, 'past the cap nothing renews it');
  const noRt = sessionFromTokens({ idToken: jwt({ exp: now + 300 }) }, who, 'sid', 8, now);
  assert.equal(needsRefresh(noRt, 120, now + 290), false);
});

test('a refreshed session keeps its id and cap, takes the new tokens, keeps an unrotated refresh token', () => {
  const s = sessionFromTokens({ idToken: jwt({ exp: now + 300 }), refreshToken: 'rt1' }, who, 'sid', 1, now);
  const rotated = refreshedSession(s, { idToken: jwt({ exp: now + 3000 }), refreshToken: 'rt2' }, now + 250);
  assert.equal(rotated.oidc?.sid, 'sid');
  assert.equal(rotated.oidc?.refreshToken, 'rt2');
  assert.equal(rotated.exp, now + 3000);
  assert.equal(rotated.username, 'oidc:ada');
  const kept = refreshedSession(s, { idToken: jwt({ exp: now + 9999 }) }, now + 250);
  assert.equal(kept.oidc?.refreshToken, 'rt1');
  assert.equal(kept.exp, now + 3600, 'capped at until');
});
