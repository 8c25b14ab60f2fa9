import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostRefusal, originRefusal, servedOrigins } from './origin';

const local = servedOrigins('local', 3100, []);
const token = servedOrigins('token', 3000, [
  'https://wheelhouse.example.com',
  'https://ops.example.org:8443',
]);

test('local mode serves the loopback names on the bound port, and nothing else', () => {
  assert.deepEqual(local, ['http://127.0.0.1:3100', 'http://localhost:3100', 'http://[::1]:3100']);
  for (const h of ['127.0.0.1:3100', 'localhost:3100', 'LOCALHOST:3100', '[::1]:3100'])
    assert.equal(hostRefusal(h, local), undefined, h);
  // DNS rebinding: a made-up name resolving to 127.0.0.1, on the right port, is still another name.
  for (const h of [
    'evil.example:3100',
    '127.0.0.1:3101',
    '127.0.0.1',
    'app.localhost:3100',
    '127.0.0.2:3100',
    '',
    null,
  ])
    assert.match(hostRefusal(h, local) ?? '', /does not answer to/, String(h));
});

test('token mode serves its public URLs plus loopback', () => {
  for (const h of ['wheelhouse.example.com', 'ops.example.org:8443', '127.0.0.1:3000'])
    assert.equal(hostRefusal(h, token), undefined, h);
  for (const h of ['wheelhouse.example.com:3000', 'evil.example', 'ops.example.org'])
    assert.match(hostRefusal(h, token) ?? '', /WHEELHOUSE_PUBLIC_URL/, h);
});

test('safe methods need no Origin; changes need one of the served origins exactly', () => {
  for (const m of ['GET', 'HEAD', 'OPTIONS', 'get']) assert.equal(originRefusal(m, null, local), undefined);
  assert.equal(originRefusal('POST', 'http://127.0.0.1:3100', local), undefined);
  assert.equal(originRefusal('POST', 'http://localhost:3100', local), undefined);
  assert.equal(originRefusal('POST', 'https://wheelhouse.example.com', token), undefined);
  assert.match(originRefusal('POST', null, local) ?? '', /no Origin/);
  assert.match(originRefusal('PATCH', 'null', local) ?? '', /no Origin/);
  assert.match(originRefusal('PUT', '::::', local) ?? '', /malformed/);
  for (const o of [
    'http://evil.example:3100', // rebinding: Host and Origin agree with each other, not with us
    'http://127.0.0.1:3101',
    'https://127.0.0.1:3100', // wrong scheme
    'http://wheelhouse.example.com', // wrong scheme
    'https://wheelhouse.example.com:444',
  ])
    assert.match(originRefusal('POST', o, o.includes('wheelhouse') ? token : local) ?? '', /another site/, o);
});

test('a WebSocket upgrade needs the served Host and one of the served Origins, though it is a GET', async () => {
  const { upgradeRefusal } = await import('./origin');
  assert.equal(upgradeRefusal('127.0.0.1:3100', 'http://127.0.0.1:3100', local), undefined);
  assert.equal(upgradeRefusal('127.0.0.1:3100', 'http://evil.example', local)?.status, 403);
  assert.equal(upgradeRefusal('127.0.0.1:3100', undefined, local)?.status, 403);
  assert.equal(upgradeRefusal('evil.example:3100', 'http://evil.example:3100', local)?.status, 421);
});
