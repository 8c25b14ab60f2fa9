/**
 * The test OpenID provider started by `cluster.sh up --oidc` (ORY Hydra and the harness's login and
 * consent app): the dashboard settings that use it, the redirect URIs of a dashboard under test,
 * and a sign-in driven over plain HTTP (for integration tests; Playwright uses the real pages).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';
import { sessionKey } from './server';

export interface TestProvider {
  issuer: string;
  admin: string;
  caFile: string;
  clientId: string;
  clientSecret: string;
}

export function testProvider(): TestProvider {
  const e = process.env;
  const p = {
    issuer: e.WHEELHOUSE_TEST_OIDC_ISSUER ?? '',
    admin: e.WHEELHOUSE_TEST_OIDC_ADMIN ?? '',
    caFile: e.WHEELHOUSE_TEST_OIDC_CA_FILE ?? '',
    clientId: e.WHEELHOUSE_TEST_OIDC_CLIENT_ID ?? '',
    clientSecret: e.WHEELHOUSE_TEST_OIDC_CLIENT_SECRET ?? '',
  };
  assert.ok(
    Object.values(p).every(Boolean),
    'no test OpenID provider: start the cluster with `cluster.sh up --seed --oidc` and source its env',
  );
  return p;
}

/** The dashboard's settings for OIDC mode against the test provider, served at `publicUrl`. */
export function oidcDashboardEnv(
  publicUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const p = testProvider();
  return {
    WHEELHOUSE_AUTH_MODE: 'oidc',
    WHEELHOUSE_SESSION_KEY: sessionKey(),
    WHEELHOUSE_PUBLIC_URL: publicUrl,
    WHEELHOUSE_OIDC_ISSUER_URL: p.issuer,
    WHEELHOUSE_OIDC_CLIENT_ID: p.clientId,
    WHEELHOUSE_OIDC_CLIENT_SECRET: p.clientSecret,
    WHEELHOUSE_OIDC_CA_FILE: p.caFile,
    KUBECONFIG: process.env.WHEELHOUSE_TEST_KUBECONFIG ?? '',
    ...extra,
  };
}

/** Lets the provider send people back to a dashboard at `publicUrl` (each test has its own port). */
export async function allowDashboard(publicUrl: string): Promise<void> {
  const p = testProvider();
  const res = await fetch(`${p.admin}/admin/clients/${p.clientId}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify([
      { op: 'add', path: '/redirect_uris/-', value: `${publicUrl}/api/session/oidc/callback` },
      { op: 'add', path: '/post_logout_redirect_uris/-', value: `${publicUrl}/sign-in?reason=signed_out` },
    ]),
  });
  assert.equal(res.status, 200, `Hydra refused the redirect URIs: ${await res.text()}`);
}

let agent: Agent | undefined;

/** fetch that trusts the test provider's CA (Hydra serves https with a CA made by oidc.sh). */
function providerFetch(url: string, init: RequestInit & { redirect: 'manual' }): Promise<Response> {
  agent ??= new Agent({ connect: { ca: fs.readFileSync(testProvider().caFile, 'utf8') } });
  return undiciFetch(url, { ...init, dispatcher: agent } as Parameters<
    typeof undiciFetch
  >[1]) as unknown as Promise<Response>;
}

/** A cookie jar by host: Hydra's CSRF cookies and the dashboard's flow cookie must come back. */
class Jar {
  private readonly byHost = new Map<string, Map<string, string>>();
  store(url: string, res: Response): void {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      if (i > 0) jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    this.byHost.set(host, jar);
  }
  header(url: string): string {
    return [...(this.byHost.get(new URL(url).host) ?? new Map()).entries()]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
  get(url: string, name: string): string | undefined {
    return this.byHost.get(new URL(url).host)?.get(name);
  }
}

/**
 * Signs `subject` in on the dashboard at `dashboardUrl` through the provider, following every
 * redirect by hand and posting the login form as a browser would. Returns the dashboard's session
 * cookie ("wheelhouse_session=...") and the callback's answer.
 */
export async function signInOverHttp(
  dashboardUrl: string,
  subject: string,
): Promise<{ cookie: string; callback: Response; body: string }> {
  const jar = new Jar();
  let url = `${dashboardUrl}/api/session/oidc?next=%2F`;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const headers = new Headers(init.headers);
    const cookies = jar.header(url);
    if (cookies) headers.set('Cookie', cookies);
    const req = { ...init, headers, redirect: 'manual' as const };
    const res = url.startsWith('https:') ? await providerFetch(url, req) : await fetch(url, req);
    jar.store(url, res);
    init = {};
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const body = await res.text();
    if (new URL(url).pathname === '/api/session/oidc/callback') {
      const cookie = jar.get(url, 'wheelhouse_session');
      return { cookie: cookie ? `wheelhouse_session=${cookie}` : '', callback: res, body };
    }
    // The login app's form: pick the person, as the Playwright tests do on the page.
    const challenge = /name="challenge" value="([^"]+)"/.exec(body)?.[1];
    assert.ok(challenge, `unexpected page at ${url} (${res.status}): ${body.slice(0, 300)}`);
    url = new URL('/login', url).href;
    init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ challenge, subject }).toString(),
    };
  }
  throw new Error('the sign-in did not finish within 20 redirects');
}
