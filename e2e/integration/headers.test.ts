import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Dashboard, startDashboard } from '../support/server';

// Local mode: the security headers and the same-origin rule hold without any sign-in.

let d: Dashboard;
before(async () => {
  d = await startDashboard({ KUBECONFIG: process.env.WHEELHOUSE_TEST_KUBECONFIG });
});
after(async () => {
  await d?.stop();
});

function assertCommon(res: Response, what: string) {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what);
  assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
}

test('pages: nonce CSP without unsafe-inline, no framing, no caching; the nonce is on the scripts', async () => {
  const res = await fetch(`${d.url}/c/admin/demo/deployments`);
  assert.equal(res.status, 200);
  assertCommon(res, 'page');
  const csp = res.headers.get('content-security-policy') ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce, csp);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const html = await res.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.ok(scripts.length > 0);
  for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), s);
});

test('API answers and build assets carry the headers too', async () => {
  const api = await fetch(`${d.url}/api/c/admin/demo/deployments`);
  assert.equal(api.status, 200);
  assertCommon(api, 'api');
  assert.equal(api.headers.get('cache-control'), 'no-store');
  assert.equal(api.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
  const html = await (await fetch(`${d.url}/c/admin/demo/deployments`)).text();
  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  assert.ok(asset);
  const res = await fetch(`${d.url}${asset}`);
  assert.equal(res.status, 200);
  assertCommon(res, 'asset');
});

test('a cross-origin or Origin-less change is refused with 403 before any route runs', async () => {
  for (const [method, headers] of [
    ['POST', { Origin: 'http://evil.example' }],
    ['DELETE', { Origin: 'http://evil.example' }],
    ['PATCH', {}],
    // Same port, a name that is not one of ours (DNS rebinding), and our address with the wrong scheme.
    ['POST', { Origin: `http://rebind.example:${d.port}` }],
    ['POST', { Origin: `https://127.0.0.1:${d.port}` }],
  ] as [string, Record<string, string>][]) {
    const res = await fetch(`${d.url}/api/c/admin/demo/deployments`, { method, headers, body: '{}' });
    assert.equal(res.status, 403, `${method} ${JSON.stringify(headers)}`);
    const body = (await res.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'cross_origin');
  }
  // Same origin reaches the route (which only has GET).
  const same = await fetch(`${d.url}/api/c/admin/demo/deployments`, {
    method: 'POST',
    headers: { Origin: d.url },
  });
  assert.equal(same.status, 405);
});

test('pages refuse POST (no Server Actions), even shaped as one', async () => {
  const res = await fetch(`${d.url}/c/admin/demo/deployments`, {
    method: 'POST',
    headers: { Origin: d.url, RSC: '1', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'a=1',
  });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'GET, HEAD');
});
