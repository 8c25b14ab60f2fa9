import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  editorServiceAccountToken,
} from '../support/kube';
import { type Dashboard, sessionKey, startDashboard } from '../support/server';

// Token mode against the real cluster, holes that need more than one person or a public name:
// the Host rule with WHEELHOUSE_PUBLIC_URL, permission answers per person, audit Events that a
// person without rights cannot make the dashboard write, and redirects after a form sign-in.

const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG;
const viewerToken = process.env.WHEELHOUSE_VIEWER_TOKEN ?? '';
const nobodyToken = process.env.WHEELHOUSE_NOBODY_TOKEN ?? '';
const CONTEXT = 'admin';
const PUBLIC = 'https://wheelhouse.test';

let ns: string;
let dash: Dashboard;
let editorToken: string;
let auditFile: string;

before(async () => {
  assert.ok(kubeconfig && viewerToken && nobodyToken, 'run with the cluster env (see the team brief)');
  ns = await createNamespace('sectoken');
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'web') });
  editorToken = await editorServiceAccountToken(ns);
  auditFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wh-audit-')), 'audit.jsonl');
  dash = await startDashboard({
    WHEELHOUSE_AUTH_MODE: 'token',
    WHEELHOUSE_SESSION_KEY: sessionKey(),
    WHEELHOUSE_PUBLIC_URL: PUBLIC,
    WHEELHOUSE_AUDIT_FILE: auditFile,
    KUBECONFIG: kubeconfig,
  });
});

after(async () => {
  await dash?.stop();
  await deleteNamespace(ns);
});

async function signIn(token: string): Promise<string> {
  const res = await fetch(`${dash.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: dash.url },
    body: JSON.stringify({ token }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
}

/** A request with a Host header of our choosing (fetch does not let one set Host). */
function raw(
  pathname: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: dash.port, path: pathname, method, headers },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('hole 1, token mode: only the public URL and loopback are served; other Host names get 421', async () => {
  const cookie = await signIn(viewerToken);
  const list = `/api/c/${CONTEXT}/${ns}/deployments`;
  const ok = await raw(list, { Host: 'wheelhouse.test', Cookie: cookie });
  assert.equal(ok.status, 200, ok.body);
  assert.equal((await raw(list, { Host: `127.0.0.1:${dash.port}`, Cookie: cookie })).status, 200);
  for (const host of [
    'evil.example',
    `evil.example:${dash.port}`,
    'wheelhouse.test:8443',
    `localhost.evil:${dash.port}`,
  ]) {
    const r = await raw(list, { Host: host, Cookie: cookie });
    assert.equal(r.status, 421, host);
    assert.match(r.body, /does not answer to/, host);
    assert.doesNotMatch(r.body, /"web"/, host);
  }
  const page = await raw(`/c/${CONTEXT}/${ns}/deployments`, { Host: 'evil.example', Cookie: cookie });
  assert.equal(page.status, 421);
  assert.match(page.body, /<p role="alert">This dashboard does not answer to &#34;evil.example&#34;/);
  // The probe answers whatever the Host (kubelet asks by pod IP), and says nothing.
  assert.equal((await raw('/api/healthz', { Host: '10.1.2.3:3000' })).status, 200);
});

test('hole 8, token mode: an Origin with the wrong scheme or port is another site', async () => {
  for (const origin of [`https://127.0.0.1:${dash.port}`, 'http://wheelhouse.test', `${PUBLIC}:444`]) {
    const res = await fetch(`${dash.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ token: viewerToken }),
    });
    assert.equal(res.status, 403, origin);
    assert.equal(res.headers.getSetCookie().length, 0, origin);
  }
  const res = await fetch(`${dash.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: PUBLIC },
    body: JSON.stringify({ token: viewerToken }),
  });
  assert.equal(res.status, 200, 'the public origin may sign in');
});

test('hole 3: permission answers are per person, never shared through the cache', async () => {
  const ask = async (cookie: string) =>
    (await (
      await fetch(`${dash.url}/api/c/${CONTEXT}/${ns}/can-i?verb=patch&resource=deployments&group=apps`, {
        headers: { Cookie: cookie },
      })
    ).json()) as { allowed: boolean };
  const viewer = await signIn(viewerToken);
  const edit = await signIn(editorToken);
  // The workload page's Rollback/Scale buttons: rendered disabled, with the reason, from the answer.
  const refusal = new RegExp(`You may not patch deployments in namespace (&quot;|")${ns}(&quot;|")\\.`);
  const page = async (cookie: string) => {
    const res = await fetch(`${dash.url}/c/${CONTEXT}/${ns}/deployments/web`, {
      headers: { Cookie: cookie },
    });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /aria-label="Actions"/, 'the page rendered its actions');
    return refusal.test(html);
  };
  assert.equal(await page(edit), false);
  assert.equal(await page(viewer), true, 'the viewer is not shown the editor’s buttons');
  assert.equal(await page(edit), false, 'nor the editor the viewer’s refusal');
  // The can-i route, within the cache's 30 s, in both orders.
  assert.equal((await ask(viewer)).allowed, false);
  assert.equal((await ask(edit)).allowed, true);
  assert.equal((await ask(viewer)).allowed, false);
  const ask2 = async (cookie: string) =>
    (await (
      await fetch(`${dash.url}/api/c/${CONTEXT}/${ns}/can-i?verb=delete&resource=pods`, {
        headers: { Cookie: cookie },
      })
    ).json()) as { allowed: boolean };
  assert.equal((await ask2(edit)).allowed, true);
  assert.equal((await ask2(viewer)).allowed, false);
});

test('hole 6: refused attempts are audited to the file, never as Events; user text is capped and cleaned', async () => {
  const nobody = await signIn(nobodyToken);
  const reason = `line one\nforged: {"result":"success"}\u001b[31m${'x'.repeat(400)}`;
  for (let i = 0; i < 10; i++) {
    const res = await fetch(`${dash.url}/api/c/${CONTEXT}/${ns}/workloads/deployments/web/scale`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: dash.url, Cookie: nobody },
      body: JSON.stringify({ replicas: 3, generation: 1, reason }),
    });
    assert.equal(res.status, 403);
  }
  const events = await core().listNamespacedEvent({
    namespace: ns,
    labelSelector: 'wheelhouse.dev/audit=true',
  });
  assert.equal(events.items.length, 0, 'no Event written for an action the cluster refused');
  const lines = fs.readFileSync(auditFile, 'utf8').trim().split('\n');
  const records = lines.map((l) => JSON.parse(l) as { result: string; reason?: string; message?: string });
  const refused = records.filter((r) => r.result === 'failure');
  assert.equal(refused.length, 10, 'every refused attempt is in the file');
  for (const r of refused) {
    assert.ok((r.reason ?? '').length <= 256, `reason of ${r.reason?.length} characters`);
    assert.doesNotMatch(r.reason ?? '', /\p{Cc}/u);
    assert.match(r.reason ?? '', /^line one forged/);
  }
  for (const l of lines) assert.doesNotMatch(l, /\n/);
});

test('hole 2: a form sign-in follows only a local path, whatever the next parameter holds', async () => {
  const hostile = [
    '/\n/evil.example/path',
    '/\r/evil.example',
    '/\t/evil.example',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
  ];
  for (const next of hostile) {
    const res = await fetch(`${dash.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: dash.url },
      body: new URLSearchParams({ token: viewerToken, next }).toString(),
      redirect: 'manual',
    });
    assert.equal(res.status, 303, JSON.stringify(next));
    assert.equal(res.headers.get('location'), '/', JSON.stringify(next));
    assert.match(res.headers.getSetCookie()[0] ?? '', /^wheelhouse_session=/);
  }
  // The sign-in page hands the same rule to its form.
  const page = await (
    await fetch(`${dash.url}/sign-in?next=${encodeURIComponent('/\n/evil.example/path')}`)
  ).text();
  assert.match(page, /name="next" value="\/"/);
  assert.doesNotMatch(page, /(value|href|action)="[^"]*evil/);
  // A wrong token on the form comes back to the sign-in page with a sentence, not a JSON error.
  const wrong = await fetch(`${dash.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: dash.url },
    body: new URLSearchParams({ token: 'not-a-token', next: '/c/admin' }).toString(),
    redirect: 'manual',
  });
  assert.equal(wrong.status, 303);
  assert.equal(wrong.headers.get('location'), '/sign-in?next=%2Fc%2Fadmin&reason=invalid');
  assert.equal(wrong.headers.getSetCookie().length, 0);
});
