import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import {
  adminConfig,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
} from '../support/kube';
import { appRoutes, type Dashboard, sessionKey, startDashboard } from '../support/server';

// Token mode against the real cluster: the dashboard's kubeconfig is the ADMIN's, so every refusal
// below proves the person's own token was used, never the dashboard's identity.

const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG;
const viewerToken = process.env.WHEELHOUSE_VIEWER_TOKEN ?? '';
const nobodyToken = process.env.WHEELHOUSE_NOBODY_TOKEN ?? '';
const CONTEXT = 'admin'; // the current context of the test kubeconfig: token mode serves that cluster

let ns: string;
let key: string;
let a: Dashboard;
let b: Dashboard;

before(async () => {
  assert.ok(kubeconfig && viewerToken && nobodyToken, 'run with the cluster env (see the team brief)');
  ns = await createNamespace('access');
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'web') });
  key = sessionKey();
  const env = { WHEELHOUSE_AUTH_MODE: 'token', WHEELHOUSE_SESSION_KEY: key, KUBECONFIG: kubeconfig };
  // Two replicas with the same key and nothing shared but the cookie.
  [a, b] = await Promise.all([startDashboard(env), startDashboard(env)]);
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await deleteNamespace(ns);
});

function origin(d: Dashboard) {
  return { Origin: d.url };
}

async function signIn(d: Dashboard, token: string): Promise<{ res: Response; cookie: string }> {
  const res = await fetch(`${d.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...origin(d) },
    body: JSON.stringify({ token }),
  });
  const set = res.headers.getSetCookie()[0] ?? '';
  return { res, cookie: set.split(';')[0] ?? '' };
}

test('unauthenticated: every API route answers 401 and every page redirects to sign-in', async () => {
  const { pages, api } = await appRoutes({ context: CONTEXT, namespace: ns });
  // The OIDC routes answer signed out (they start and finish a sign-in): 404 outside OIDC mode.
  const oidc = ['/api/session/oidc', '/api/session/oidc/callback'];
  const open = new Set(['/api/healthz', '/api/session', '/sign-in', ...oidc]);
  for (const p of oidc) assert.equal((await fetch(`${a.url}${p}`, { redirect: 'manual' })).status, 404, p);
  let checked = 0;
  for (const r of api.filter((r) => !open.has(r.path))) {
    for (const method of r.methods.filter((m) => m !== 'HEAD')) {
      const res = await fetch(`${a.url}${r.path}`, { method, headers: origin(a), redirect: 'manual' });
      assert.equal(res.status, 401, `${method} ${r.path}`);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      checked++;
    }
  }
  for (const p of pages.filter((p) => !open.has(p))) {
    const res = await fetch(`${a.url}${p}`, { redirect: 'manual' });
    assert.equal(res.status, 303, p);
    const to = new URL(res.headers.get('location') ?? '', a.url);
    assert.equal(to.pathname, '/sign-in', p);
    assert.equal(to.searchParams.get('next'), p);
    checked++;
  }
  assert.ok(checked >= 5, `checked ${checked} routes`);
  assert.equal((await fetch(`${a.url}/sign-in`)).status, 200);
});

test('a token the cluster does not accept is refused with a clear sentence', async () => {
  const { res, cookie } = await signIn(a, 'not-a-real-token');
  assert.equal(res.status, 401);
  assert.equal(cookie, '');
  const body = (await res.json()) as { error: { message: string } };
  assert.match(body.error.message, /did not accept this token/);
});

test('viewer: signs in, the cookie is httpOnly SameSite=Strict, and any replica serves it', async () => {
  const { res, cookie } = await signIn(a, viewerToken);
  assert.equal(res.status, 200);
  const who = (await res.json()) as { username: string; groups: string[] };
  assert.match(who.username, /^system:serviceaccount:/);
  const set = res.headers.getSetCookie()[0] ?? '';
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  assert.doesNotMatch(set, /Secure/, 'plain-http loopback is the one place without Secure');
  assert.equal(set.includes(viewerToken), false, 'the token is sealed, not stored in clear');
  // Read on the OTHER replica with the cookie from the first.
  const read = await fetch(`${b.url}/api/c/${CONTEXT}/${ns}/objects/deployments/web`, {
    headers: { Cookie: cookie },
  });
  assert.equal(read.status, 200);
  const source = (await read.json()) as { kind: string; yaml: string; canUpdate: { allowed: boolean } };
  assert.equal(source.kind, 'Deployment');
  assert.match(source.yaml, /name: web\n/);
  assert.equal(source.canUpdate.allowed, false, 'the viewer is the viewer on this replica too');
  const me = (await (await fetch(`${b.url}/api/session`, { headers: { Cookie: cookie } })).json()) as {
    username: string;
  };
  assert.equal(me.username, who.username);
  // The header says who you are (groups on hover).
  const page = await (
    await fetch(`${b.url}/c/${CONTEXT}/${ns}/deployments`, { headers: { Cookie: cookie } })
  ).text();
  assert.ok(page.includes(who.username));
  assert.ok(page.includes(`Groups: ${who.groups.join(', ')}`));
});

test('viewer may read but not change: the cluster decides and says so', async () => {
  const { cookie } = await signIn(a, viewerToken);
  const ask = (verb: string) =>
    fetch(`${a.url}/api/c/${CONTEXT}/${ns}/can-i?verb=${verb}&resource=deployments&group=apps`, {
      headers: { Cookie: cookie },
    });
  assert.deepEqual(await (await ask('list')).json(), { allowed: true });
  const patch = (await (await ask('patch')).json()) as { allowed: boolean; reason: string };
  assert.equal(patch.allowed, false);
  assert.equal(patch.reason, `You may not patch deployments in namespace "${ns}".`);
});

test('nobody: forbidden states everywhere, never the dashboard admin identity', async () => {
  const { res, cookie } = await signIn(a, nobodyToken);
  assert.equal(res.status, 200);
  const list = await fetch(`${a.url}/api/c/${CONTEXT}/${ns}/deployments`, { headers: { Cookie: cookie } });
  assert.equal(list.status, 403);
  const body = (await list.json()) as { error: { message: string } };
  assert.equal(body.error.message, `You may not list deployments in namespace "${ns}".`);
  const page = await (
    await fetch(`${a.url}/c/${CONTEXT}/${ns}/deployments`, { headers: { Cookie: cookie } })
  ).text();
  assert.match(page, /Not allowed/);
  assert.ok(page.includes(`You may not list deployments in namespace &quot;${ns}&quot;.`));
  const audit = (await (
    await fetch(`${a.url}/api/c/${CONTEXT}/${ns}/audit`, { headers: { Cookie: cookie } })
  ).json()) as {
    eventsError?: string;
    fileError?: string;
  };
  assert.match(audit.eventsError ?? '', /You may not list events/);
  assert.match(audit.fileError ?? '', /may not list events/);
});

test('a cross-origin POST is refused even with a valid session', async () => {
  const { cookie } = await signIn(a, viewerToken);
  for (const headers of [{ Origin: 'http://evil.example' }, {}] as Record<string, string>[]) {
    const res = await fetch(`${a.url}/api/session`, {
      method: 'POST',
      headers: { ...headers, Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: viewerToken }),
    });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'cross_origin');
    assert.equal(res.headers.getSetCookie().length, 0);
  }
});

test('sign-out, a forged cookie and a revoked token all lead back to sign-in', async () => {
  const { cookie } = await signIn(a, viewerToken);
  const out = await fetch(`${a.url}/api/session`, {
    method: 'DELETE',
    headers: { ...origin(a), Cookie: cookie },
  });
  assert.equal(out.status, 204);
  assert.match(out.headers.getSetCookie()[0] ?? '', /wheelhouse_session=;.*Max-Age=0/);

  const forged = `${cookie.slice(0, -4)}AAAA`;
  const r1 = await fetch(`${a.url}/c/${CONTEXT}/${ns}/deployments`, {
    headers: { Cookie: forged },
    redirect: 'manual',
  });
  assert.equal(r1.status, 303);
  assert.match(r1.headers.get('location') ?? '', /reason=expired/);

  // A token that dies after sign-in: a ServiceAccount that is then deleted.
  await core().createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'shortlived' } } });
  const tr = await adminConfig()
    .makeApiClient(CoreV1Api)
    .createNamespacedServiceAccountToken({
      namespace: ns,
      name: 'shortlived',
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
  const token = tr.status?.token ?? '';
  const { res, cookie: c2 } = await signIn(a, token);
  assert.equal(res.status, 200);
  await core().deleteNamespacedServiceAccount({ namespace: ns, name: 'shortlived' });
  const api = await waitFor('the deleted ServiceAccount token to be refused', async () => {
    const r = await fetch(`${a.url}/api/c/${CONTEXT}/${ns}/deployments`, { headers: { Cookie: c2 } });
    return r.status === 401 ? r : undefined;
  });
  assert.match(((await api.json()) as { error: { message: string } }).error.message, /Sign in again/);
  const page = await fetch(`${a.url}/c/${CONTEXT}/${ns}/audit`, {
    headers: { Cookie: c2 },
    redirect: 'manual',
  });
  assert.ok([303, 307].includes(page.status), String(page.status));
  assert.match(page.headers.get('location') ?? '', /\/sign-in\?reason=rejected/);
});
