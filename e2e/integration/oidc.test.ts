import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { AuthenticationV1Api, KubeConfig } from '@kubernetes/client-node';
import { Agent } from 'undici';
import { unseal } from '@/lib/session-seal';
import { allowDashboard, oidcDashboardEnv, signInOverHttp, testProvider } from '../support/oidc';
import { type Dashboard, freePort, startDashboard } from '../support/server';

// OIDC mode against the real provider (ORY Hydra, started by `cluster.sh up --oidc`) and the real
// API server, which trusts Hydra through its structured authentication configuration. Two
// replicas share the session key and nothing else: `steady` refreshes only near expiry (the
// default), `eager` treats every ID token as due, so a refresh happens on each request without
// waiting for one to expire.

const CONTEXT = 'admin';
let steady: Dashboard;
let eager: Dashboard;
let key: Buffer;

before(async () => {
  testProvider();
  const [p1, p2] = await Promise.all([freePort(), freePort()]);
  const urls = [`http://127.0.0.1:${p1}`, `http://127.0.0.1:${p2}`] as const;
  await Promise.all(urls.map(allowDashboard));
  const env = oidcDashboardEnv(urls[0]);
  key = Buffer.from(env.WHEELHOUSE_SESSION_KEY ?? '', 'base64');
  [steady, eager] = await Promise.all([
    startDashboard(env, '127.0.0.1', p1),
    startDashboard(
      { ...env, WHEELHOUSE_PUBLIC_URL: urls[1], WHEELHOUSE_OIDC_REFRESH_SECONDS: '86400' },
      '127.0.0.1',
      p2,
    ),
  ]);
});

after(async () => {
  await Promise.all([steady?.stop(), eager?.stop()]);
});

const sessionOf = (cookie: string) => {
  const s = unseal(cookie.replace(/^wheelhouse_session=/, ''), key);
  assert.ok(s?.oidc, 'the cookie holds an OIDC session');
  return s;
};

const renewed = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('wheelhouse_session='))
    ?.split(';')[0];

let agent: Agent | undefined;
const clusterAgent = () =>
  (agent ??= new Agent({ connect: { ca: fs.readFileSync(process.env.WHEELHOUSE_CA_FILE ?? '', 'utf8') } }));

/** What the API server says the token is (SelfSubjectReview with the token itself). */
async function clusterSays(token: string): Promise<{ username?: string; groups?: string[] }> {
  const admin = new KubeConfig();
  admin.loadFromFile(process.env.WHEELHOUSE_TEST_KUBECONFIG ?? '');
  const cluster = admin.getCurrentCluster();
  assert.ok(cluster);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'c', cluster: cluster.name, user: 'u' }],
    currentContext: 'c',
  });
  const r = await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  return r.status?.userInfo ?? {};
}

test('sign-in through Hydra: the cluster names the person and their groups, and RBAC applies', async () => {
  const { cookie, callback, body } = await signInOverHttp(steady.url, 'ada');
  assert.equal(callback.status, 200, body);
  assert.match(body, /Signed in as oidc:ada/);
  const set = callback.headers.getSetCookie().find((c) => c.startsWith('wheelhouse_session=')) ?? '';
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  const s = sessionOf(cookie);
  assert.equal(s.username, 'oidc:ada');
  assert.ok(s.groups.includes('oidc:viewers'), s.groups.join());
  assert.ok(s.oidc?.refreshToken, 'offline_access gave a refresh token');
  const who = await clusterSays(s.token);
  assert.equal(who.username, 'oidc:ada');
  // The group binding lets ada read demo, and nothing lets her read elsewhere or change anything.
  const demo = await fetch(`${steady.url}/api/c/${CONTEXT}/demo/deployments`, {
    headers: { Cookie: cookie },
  });
  assert.equal(demo.status, 200);
  const shop = await fetch(`${steady.url}/api/c/${CONTEXT}/shop/deployments`, {
    headers: { Cookie: cookie },
  });
  assert.equal(shop.status, 403);
  const q = new URLSearchParams({ verb: 'patch', resource: 'deployments', group: 'apps' });
  const can = await fetch(`${steady.url}/api/c/${CONTEXT}/demo/can-i?${q}`, { headers: { Cookie: cookie } });
  assert.equal(((await can.json()) as { allowed: boolean }).allowed, false);
});

test('an outsider signs in, and the cluster (not the dashboard) refuses what they ask for', async () => {
  const { cookie, callback } = await signInOverHttp(steady.url, 'eve');
  assert.equal(callback.status, 200);
  const s = sessionOf(cookie);
  assert.deepEqual(
    s.groups.filter((g) => g.startsWith('oidc:')),
    ['oidc:outsiders'],
  );
  // The API server knows who eve is, and itself refuses her the list.
  assert.equal((await clusterSays(s.token)).username, 'oidc:eve');
  const direct = await fetch(
    `${process.env.WHEELHOUSE_API_SERVER}/apis/apps/v1/namespaces/demo/deployments`,
    {
      headers: { Authorization: `Bearer ${s.token}` },
      // @ts-expect-error Node's fetch takes undici's dispatcher; the cluster CA is private.
      dispatcher: clusterAgent(),
    },
  );
  assert.equal(direct.status, 403);
  assert.match(((await direct.json()) as { message: string }).message, /User "oidc:eve" cannot list/);
  const res = await fetch(`${steady.url}/api/c/${CONTEXT}/demo/deployments`, { headers: { Cookie: cookie } });
  assert.equal(res.status, 403);
  const { error } = (await res.json()) as { error: { message: string } };
  assert.match(error.message, /You may not list deployments/);
});

test('the ID token is refreshed before expiry, the new one is the credential, and sign-out ends it everywhere', async () => {
  const { cookie: c0 } = await signInOverHttp(steady.url, 'ada');
  const s0 = sessionOf(c0);
  // Not due (an hour left, 120 s margin): no new cookie.
  const quiet = await fetch(`${steady.url}/api/c/${CONTEXT}/demo/deployments`, { headers: { Cookie: c0 } });
  assert.equal(quiet.status, 200);
  assert.equal(renewed(quiet), undefined);
  // Due on the other replica: refreshed there, and the answer was made with the new token.
  const r1 = await fetch(`${eager.url}/api/c/${CONTEXT}/demo/deployments`, { headers: { Cookie: c0 } });
  assert.equal(r1.status, 200);
  const c1 = renewed(r1);
  assert.ok(c1, 'a refreshed session cookie');
  const s1 = sessionOf(c1);
  assert.notEqual(s1.token, s0.token);
  assert.equal(s1.oidc?.sid, s0.oidc?.sid);
  assert.equal(s1.oidc?.until, s0.oidc?.until);
  assert.equal((await clusterSays(s1.token)).username, 'oidc:ada');
  const r2 = await fetch(`${eager.url}/api/c/${CONTEXT}/demo/deployments`, { headers: { Cookie: c1 } });
  const c2 = renewed(r2);
  assert.ok(c2);
  assert.notEqual(sessionOf(c2).token, s1.token);

  // Sign out on one replica: it answers with the provider's end-session page...
  const out = await fetch(`${steady.url}/api/session`, {
    method: 'DELETE',
    headers: { Cookie: c2, Origin: steady.url },
  });
  assert.equal(out.status, 200);
  const { endSession } = (await out.json()) as { endSession: string };
  const end = new URL(endSession);
  assert.equal(`${end.origin}${end.pathname}`, `${testProvider().issuer}/oauth2/sessions/logout`);
  assert.equal(end.searchParams.get('id_token_hint'), sessionOf(c2).token);
  // ...its old cookie is refused there at once...
  const again = await fetch(`${steady.url}/api/c/${CONTEXT}/demo/deployments`, { headers: { Cookie: c2 } });
  assert.equal(again.status, 401);
  assert.equal((await fetch(`${steady.url}/api/session`, { headers: { Cookie: c2 } })).status, 401);
  // ...and on the replica that never saw the sign-out, the provider refuses to refresh it.
  const elsewhere = await fetch(`${eager.url}/api/c/${CONTEXT}/demo/deployments`, {
    headers: { Cookie: c2 },
  });
  assert.equal(elsewhere.status, 401);
});

test('a callback without its flow cookie, or with a forged state, is refused with a sentence', async () => {
  const bare = await fetch(`${steady.url}/api/session/oidc/callback?code=x&state=y`);
  assert.equal(bare.status, 400);
  assert.match(await bare.text(), /started in another browser/);
  const start = await fetch(`${steady.url}/api/session/oidc?next=%2Fc%2Fadmin`, { redirect: 'manual' });
  assert.equal(start.status, 303);
  const to = new URL(start.headers.get('location') ?? '');
  assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(to.searchParams.get('redirect_uri'), `${steady.url}/api/session/oidc/callback`);
  assert.ok((to.searchParams.get('nonce') ?? '').length >= 16);
  const flow = start.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  assert.match(start.headers.getSetCookie()[0] ?? '', /SameSite=Lax; Max-Age=600/);
  const forged = await fetch(`${steady.url}/api/session/oidc/callback?code=x&state=not-the-state`, {
    headers: { Cookie: flow },
  });
  assert.equal(forged.status, 401);
  assert.match(await forged.text(), /could not be completed|refused/);
  const denied = await fetch(
    `${steady.url}/api/session/oidc/callback?error=access_denied&error_description=The+person+said+no`,
    {
      headers: { Cookie: flow },
    },
  );
  assert.equal(denied.status, 401);
  assert.match(await denied.text(), /The sign-in provider refused: The person said no/);
});
