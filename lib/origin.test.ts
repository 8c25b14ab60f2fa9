import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from './errors';
import { assertSameOrigin } from './origin';

function req(headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1:3100/api/x', { method: 'POST', headers });
}

const cases: { name: string; headers: Record<string, string>; ok: boolean }[] = [
  { name: 'same origin', headers: { host: '127.0.0.1:3100', origin: 'http://127.0.0.1:3100' }, ok: true },
  { name: 'other port', headers: { host: '127.0.0.1:3100', origin: 'http://127.0.0.1:3101' }, ok: false },
  { name: 'other site', headers: { host: 'wheelhouse.local', origin: 'https://evil.example' }, ok: false },
  { name: 'opaque origin', headers: { host: '127.0.0.1:3100', origin: 'null' }, ok: false },
  {
    name: 'no origin, cross-site fetch metadata',
    headers: { host: 'h', 'sec-fetch-site': 'cross-site' },
    ok: false,
  },
  {
    name: 'no origin, same-origin fetch metadata',
    headers: { host: 'h', 'sec-fetch-site': 'same-origin' },
    ok: true,
  },
  { name: 'non-browser client', headers: { host: 'h' }, ok: true },
];

for (const c of cases) {
  test(`assertSameOrigin: ${c.name}`, () => {
    if (c.ok) assert.doesNotThrow(() => assertSameOrigin(req(c.headers)));
    else
      assert.throws(
        () => assertSameOrigin(req(c.headers)),
        (e: unknown) => isAppError(e) && e.status === 403 && e.code === 'cross_origin',
      );
  });
}
