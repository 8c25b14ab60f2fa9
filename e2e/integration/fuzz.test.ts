import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appRoutes, type Dashboard, sessionKey, startDashboard } from '../support/server';

// A bounded, reproducible run of malformed requests over every route, against the real cluster, on
// loopback only. The bar: no 5xx and no crash. Seed and count are fixed so a failure replays.

const SEED = 0x5eed_2026;
const PER_MODE = 200;
const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nastySegments = [
  '%',
  '%zz',
  '%00',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  'a'.repeat(300),
  'UPPER',
  '-bad-',
  '_all',
  '_',
  'ü',
  '%F0%9F%92%A5',
  '%E0%A4%A',
  ' ',
  '%20',
  'a%0d%0aSet-Cookie:x=1',
  '<script>',
  '\'"',
  'admin',
  'demo',
  'default',
  'kube-system',
  '0',
  '-',
];
const nastyValues = [
  '',
  '*',
  '%',
  'x'.repeat(2000),
  '-1',
  '1e309',
  'null',
  '[]',
  '{}',
  '../../etc/passwd',
  '\u0000',
  'patch',
  'apps',
  'secrets',
];
const methods = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const bodies = [
  undefined,
  '',
  '{',
  '[]',
  'null',
  '"str"',
  '{"token":""}',
  '{"token":123}',
  `{"token":"${'a'.repeat(20000)}"}`,
  '{"token":"abc def"}',
  '{"__proto__":{"x":1}}',
  JSON.stringify({ a: Array.from({ length: 50 }, () => ({})) }),
  '\u0000\u0001',
];
const contentTypes = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  'application/json; charset=utf-16',
];

async function fuzz(
  d: Dashboard,
  extraHeaders: Record<string, string>,
  seed: number,
): Promise<{ failures: string[]; statuses: Record<number, number> }> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const { pages, api } = await appRoutes({ context: 'admin', namespace: 'demo' });
  const paths = [...pages, ...api.map((a) => a.path)];
  // next start loads each route's code on its first request, which on a loaded machine can take
  // longer than the 20 s a request gets below. Load them all first (OPTIONS runs no handler), so
  // the timeout measures how the server handles bad input, not a cold start.
  for (const path of paths) {
    await fetch(`${d.url}${path}`, { method: 'OPTIONS', signal: AbortSignal.timeout(120_000) })
      .then((res) => res.arrayBuffer())
      .catch(() => undefined);
  }
  const failures: string[] = [];
  const statuses: Record<number, number> = {};
  for (let i = 0; i < PER_MODE; i++) {
    const segs = pick(paths).split('/');
    // Replace zero to two segments with something malformed.
    for (let k = Math.floor(r() * 3); k > 0; k--)
      segs[1 + Math.floor(r() * (segs.length - 1))] = pick(nastySegments);
    if (r() < 0.15) segs.push(pick(nastySegments));
    let url = `${d.url}${segs.join('/') || '/'}`;
    if (r() < 0.5) {
      const q = new URLSearchParams();
      for (let k = Math.floor(r() * 4); k >= 0; k--)
        q.append(
          pick(['verb', 'resource', 'group', 'name', 'subresource', 'next', 'reason', pick(nastyValues)]),
          pick(nastyValues),
        );
      url += `?${q}`;
    }
    const method = pick(methods);
    const headers: Record<string, string> = { ...extraHeaders };
    if (r() < 0.6)
      headers.Origin = pick([d.url, d.url, 'http://evil.example', 'null', '::', `${d.url}.evil`]);
    if (r() < 0.5) headers['Content-Type'] = pick(contentTypes);
    if (r() < 0.2)
      headers.Cookie = pick([
        'wheelhouse_session=garbage',
        'wheelhouse_session=',
        `wheelhouse_session=${'A'.repeat(4000)}`,
        'x=%',
      ]);
    if (r() < 0.1) headers.Accept = pick(['text/x-component', '*/*', 'application/json']);
    if (r() < 0.1) headers.RSC = '1';
    const body = method === 'GET' || method === 'HEAD' ? undefined : pick(bodies);
    try {
      const res = await fetch(url, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(20_000),
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500) failures.push(`${res.status} ${method} ${url.slice(0, 200)}`);
    } catch (e) {
      // A URL fetch itself refuses (undici validates) is not a server failure; a dropped connection is.
      if (e instanceof TypeError && /Invalid URL|invalid header|Headers/i.test(String(e.message))) continue;
      failures.push(`threw ${String(e).slice(0, 200)} on ${method} ${url.slice(0, 200)}`);
    }
  }
  const alive = await fetch(`${d.url}/api/healthz`);
  if (alive.status !== 200) failures.push('the server stopped answering /api/healthz');
  return { failures, statuses };
}

let local: Dashboard;
let token: Dashboard;

before(async () => {
  assert.ok(kubeconfig, 'run with the cluster env (see the team brief)');
  [local, token] = await Promise.all([
    startDashboard({ KUBECONFIG: kubeconfig }),
    startDashboard({
      KUBECONFIG: kubeconfig,
      WHEELHOUSE_AUTH_MODE: 'token',
      WHEELHOUSE_SESSION_KEY: sessionKey(),
    }),
  ]);
});

after(async () => {
  await Promise.all([local?.stop(), token?.stop()]);
});

test(`local mode: ${PER_MODE} malformed requests, no 5xx, no crash`, async (t) => {
  const { failures, statuses } = await fuzz(local, {}, SEED);
  t.diagnostic(`statuses: ${JSON.stringify(statuses)}`);
  assert.deepEqual(failures, [], `${failures.length} failures; server said:\n${local.output().slice(-3000)}`);
});

test(`token mode, signed in as viewer: ${PER_MODE} malformed requests, no 5xx, no crash`, async (t) => {
  const res = await fetch(`${token.url}/api/session`, {
    method: 'POST',
    headers: { Origin: token.url, 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: process.env.WHEELHOUSE_VIEWER_TOKEN }),
  });
  assert.equal(res.status, 200);
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const { failures, statuses } = await fuzz(token, { Cookie: cookie }, SEED + 1);
  t.diagnostic(`statuses: ${JSON.stringify(statuses)}`);
  assert.deepEqual(failures, [], `${failures.length} failures; server said:\n${token.output().slice(-3000)}`);
});
