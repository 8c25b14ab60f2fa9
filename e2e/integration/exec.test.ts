import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { core, createNamespace, deleteNamespace, editorServiceAccountToken, waitFor } from '../support/kube';
import { type Dashboard, sessionKey, startDashboard } from '../support/server';
import { openTerminal, type TestTerminal } from '../support/terminal';

// The terminal WebSocket against the real cluster (KWOK runs a real local shell for simulated pods,
// see e2e/cluster/cluster.sh): the same checks as any request before the upgrade (Origin, session,
// parameters, access review, operator switch, per-person bound), a real session through the API
// server, and its audit record with the capped transcript.

const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG;
const viewerToken = process.env.WHEELHOUSE_VIEWER_TOKEN ?? '';
const CONTEXT = 'admin';
// PS1 of KWOK's exec (e2e/cluster/cluster.sh), at the end of the output while the shell waits.
const PROMPT = /pod\$ $/;

let ns: string;
let token: Dashboard;
let off: Dashboard;
let editorToken: string;
let auditFile: string;

async function signIn(dash: Dashboard, bearer: string): Promise<string> {
  const res = await fetch(`${dash.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: dash.url },
    body: JSON.stringify({ token: bearer }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
}

function execUrl(dash: Dashboard, pod = 'shell', query = 'container=app&shell=sh'): string {
  return `ws://127.0.0.1:${dash.port}/api/c/${CONTEXT}/${ns}/pods/${pod}/exec?${query}`;
}

function errorOf(body: string): { status: number; code: string; message: string } {
  return (JSON.parse(body) as { error: { status: number; code: string; message: string } }).error;
}

before(async () => {
  assert.ok(kubeconfig && viewerToken, 'run with the cluster env (see the team brief)');
  ns = await createNamespace('exec');
  await core().createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name: 'shell' },
      spec: { containers: [{ name: 'app', image: 'ghcr.io/wheelhouse-demo/shell:1' }] },
    },
  });
  editorToken = await editorServiceAccountToken(ns);
  auditFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wh-exec-audit-')), 'audit.jsonl');
  [token, off] = await Promise.all([
    startDashboard({
      WHEELHOUSE_AUTH_MODE: 'token',
      WHEELHOUSE_SESSION_KEY: sessionKey(),
      WHEELHOUSE_AUDIT_FILE: auditFile,
      WHEELHOUSE_MAX_EXEC_PER_USER: '1',
      KUBECONFIG: kubeconfig,
    }),
    startDashboard({ WHEELHOUSE_EXEC: 'off', KUBECONFIG: kubeconfig }),
  ]);
  await waitFor('the pod to run', async () => {
    const pod = await core().readNamespacedPod({ namespace: ns, name: 'shell' });
    return pod.status?.phase === 'Running';
  });
});

after(async () => {
  await Promise.all([token?.stop(), off?.stop()]);
  await deleteNamespace(ns);
});

test('a session runs a command in the pod through the API server and is audited with its transcript', async (t) => {
  const cookie = await signIn(token, editorToken);
  const opened = await openTerminal(execUrl(token), { Origin: token.url, Cookie: cookie });
  assert.ok(opened.ok, opened.ok ? '' : opened.body);
  const term: TestTerminal = opened.term;
  t.after(() => term.ws.terminate());
  await term.waitForMessage('started');
  // Type at the prompt, as a person does: a line typed before the shell reads is echoed by the
  // terminal at once and answered after the prompt, on the prompt's line.
  await term.waitFor(PROMPT);
  const marker = `hello-${Math.floor(Math.random() * 1e9)}`;
  // The echo of the line holds `hello-""…`, so only the command's output matches the marker.
  term.type(`echo ${marker.replace('-', '-""')}\r`);
  await term.waitFor(new RegExp(`${marker}\\r?\\n`));

  // One session per person here (WHEELHOUSE_MAX_EXEC_PER_USER=1): a second is refused while it is open.
  const second = await openTerminal(execUrl(token), { Origin: token.url, Cookie: cookie });
  assert.equal(second.ok, false);
  assert.equal(second.ok ? 0 : second.status, 429);

  term.type('exit 3\r');
  const exit = await term.waitForMessage('exit');
  assert.equal(exit.code, 3);
  assert.equal(await term.closed, 4000);

  const records = fs
    .readFileSync(auditFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((r) => r.verb === 'exec' && r.name === 'shell');
  assert.equal(records.length, 2, 'one record when it opened, one when it ended');
  const [opening, end] = records;
  assert.equal(opening?.id, end?.id);
  assert.equal(opening?.message, 'terminal opened');
  assert.equal(end?.user, `system:serviceaccount:${ns}:editor`);
  assert.equal(end?.container, 'app');
  assert.equal(end?.command, 'sh');
  assert.equal(end?.exitCode, 3);
  assert.equal(end?.truncated, false);
  assert.ok(typeof end?.endTime === 'string' && typeof end?.startTime === 'string');
  assert.match(String(end?.transcript), new RegExp(marker));
  assert.match(String(end?.input), /exit 3\r/);
  // Stdout (log collection) never carries the transcript.
  assert.ok(!token.output().includes(marker), 'the transcript went to stdout');
});

test('the transcript is capped at 256 KiB and says it was truncated', async (t) => {
  const cookie = await signIn(token, editorToken);
  const opened = await openTerminal(execUrl(token), { Origin: token.url, Cookie: cookie });
  assert.ok(opened.ok, opened.ok ? '' : opened.body);
  const term = opened.term;
  t.after(() => term.ws.terminate());
  await opened.term.waitForMessage('started');
  await opened.term.waitFor(PROMPT);
  opened.term.type("head -c 400000 /dev/zero | tr '\\0' a; echo; echo done-''flooding; exit\r");
  await opened.term.waitForMessage('exit', 60_000);
  const end = fs
    .readFileSync(auditFile, 'utf8')
    .trim()
    .split('\n')
    .map(
      (l) => JSON.parse(l) as { transcript?: string; input?: string; truncated?: boolean; endTime?: string },
    )
    .filter((r) => r.endTime)
    .at(-1);
  assert.equal(end?.truncated, true);
  const kept = Buffer.byteLength(end?.transcript ?? '') + Buffer.byteLength(end?.input ?? '');
  assert.ok(kept <= 256 * 1024 && kept > 250 * 1024, `kept ${kept} bytes`);
  assert.ok(!end?.transcript?.includes('done-flooding'), 'text past the cap was kept');
});

test('refused before the upgrade: foreign or missing Origin, no session, no right, bad parameters', async () => {
  const cookie = await signIn(token, editorToken);
  const cases: [string, Record<string, string>, number, RegExp][] = [
    [execUrl(token), { Origin: 'http://evil.example', Cookie: cookie }, 403, /comes from another site/],
    [execUrl(token), { Cookie: cookie }, 403, /no Origin header/],
    [
      execUrl(token),
      { Origin: token.url, Host: `evil.example:${token.port}`, Cookie: cookie },
      421,
      /does not answer/,
    ],
    [execUrl(token), { Origin: token.url }, 401, /not signed in/],
    [
      execUrl(token),
      { Origin: token.url, Cookie: await signIn(token, viewerToken) },
      403,
      /You may not create pods\/exec/,
    ],
    [
      execUrl(token, 'shell', 'container=app&shell=rm'),
      { Origin: token.url, Cookie: cookie },
      400,
      /Bad shell/,
    ],
    [execUrl(token, 'Bad_Pod'), { Origin: token.url, Cookie: cookie }, 400, /Invalid pod name/],
    [execUrl(off), { Origin: off.url }, 403, /turned off .*WHEELHOUSE_EXEC=off/],
  ];
  for (const [url, headers, status, message] of cases) {
    const r = await openTerminal(url, headers);
    assert.equal(r.ok, false, `${url} ${JSON.stringify(headers)} was upgraded`);
    if (r.ok) continue;
    assert.equal(r.status, status, r.body);
    const err = errorOf(r.body);
    assert.equal(err.status, status);
    assert.match(err.message, message);
  }
});
