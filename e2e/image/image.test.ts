import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { adminConfig, core, createNamespace, deleteNamespace, waitFor } from '../support/kube';
import { freePort, sessionKey } from '../support/server';

// The built image (e2e/image/run.sh) run as deploy/30-deployment.yaml runs it: its own user (10001),
// read-only root filesystem, no capabilities, the writable paths as volumes, the ServiceAccount's
// token and CA at the in-cluster path, KUBERNETES_SERVICE_HOST/_PORT set. Host network, since the
// API server listens on 127.0.0.1.

const run = promisify(execFile);
const image = process.env.WHEELHOUSE_IMAGE ?? '';
const podman = (...args: string[]) =>
  run('podman', ['--runtime', 'runc', ...args], { encoding: 'utf8', maxBuffer: 16 << 20 });
const SA_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

let ns: string;
let tmp: string;
let name: string;
let url: string;

async function logs(): Promise<string> {
  return podman('logs', name).then(
    (r) => r.stdout + r.stderr,
    (e: Error) => e.message,
  );
}

before(async () => {
  assert.ok(image, 'run through e2e/image/run.sh (it builds the image)');
  ns = await createNamespace('image');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-image-'));
  await core().createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'wheelhouse' } } });
  await adminConfig()
    .makeApiClient(RbacAuthorizationV1Api)
    .createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: 'wheelhouse-view' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name: 'wheelhouse', namespace: ns }],
      },
    });
  const tr = await core().createNamespacedServiceAccountToken({
    namespace: ns,
    name: 'wheelhouse',
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  // What the kubelet projects into the pod, readable by the pod's user (fsGroup in the manifest).
  const sa = path.join(tmp, 'serviceaccount');
  fs.mkdirSync(sa, { mode: 0o755 });
  const cluster = adminConfig().getCurrentCluster();
  assert.ok(cluster);
  const ca = cluster.caData ? Buffer.from(cluster.caData, 'base64') : fs.readFileSync(cluster.caFile ?? '');
  fs.writeFileSync(path.join(sa, 'token'), tr.status?.token ?? '', { mode: 0o644 });
  fs.writeFileSync(path.join(sa, 'ca.crt'), ca, { mode: 0o644 });
  fs.writeFileSync(path.join(sa, 'namespace'), ns, { mode: 0o644 });
  const server = new URL(cluster.server);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  name = `wheelhouse-image-test-${port}`;
  // The manifest's emptyDir volumes: folders the container's user owns (as fsGroup 10001 arranges).
  const volumes: string[] = [];
  for (const [dir, at] of [
    ['audit', '/var/lib/wheelhouse'],
    ['next-cache', '/app/.next/cache'],
    ['tmp', '/tmp'],
  ] as const) {
    const host = path.join(tmp, dir);
    fs.mkdirSync(host, { mode: 0o700 });
    fs.chownSync(host, 10001, 10001);
    volumes.push('--volume', `${host}:${at}`);
  }
  await podman(
    'run',
    '--detach',
    '--name',
    name,
    '--network',
    'host',
    '--ulimit',
    'nofile=8192:8192',
    '--ulimit',
    'nproc=4096:4096',
    '--read-only',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    ...volumes,
    '--volume',
    `${sa}:${SA_PATH}:ro`,
    '--env',
    `KUBERNETES_SERVICE_HOST=${server.hostname}`,
    '--env',
    `KUBERNETES_SERVICE_PORT=${server.port}`,
    '--env',
    `WHEELHOUSE_SESSION_KEY=${sessionKey()}`,
    '--env',
    `WHEELHOUSE_PUBLIC_URL=${url}`,
    '--env',
    `PORT=${port}`,
    // The manifests listen on 0.0.0.0 inside the pod's network; on the host's network, loopback.
    '--env',
    'HOSTNAME=127.0.0.1',
    image,
  );
});

after(async () => {
  if (name) await podman('rm', '--force', '--time', '5', name).catch(() => undefined);
  if (ns) await deleteNamespace(ns);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the image serves /api/healthz and the sign-in page, as a non-root user on a read-only root', async () => {
  const health = await waitFor(
    'the container to answer /api/healthz',
    async () => {
      const state = (await podman('inspect', '--format', '{{.State.Status}}', name)).stdout.trim();
      if (state !== 'running') throw new Error(`the container is ${state}:\n${await logs()}`);
      const r = await fetch(`${url}/api/healthz`).catch(() => undefined);
      return r?.ok ? r : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  ).catch(async (e: Error) => assert.fail(`${e.message}\n${await logs()}`));
  assert.equal(health.status, 200);

  const page = await fetch(`${url}/sign-in`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Kubernetes bearer token/);

  const user = (await podman('exec', name, 'id', '-u')).stdout.trim();
  assert.equal(user, '10001');
  await assert.rejects(podman('exec', name, 'touch', '/app/written'), /Read-only file system/);
  // The volumes are the only writable paths.
  await podman('exec', name, 'touch', '/var/lib/wheelhouse/probe', '/tmp/probe');
});

test('in the image, a sign-in reaches the API server through the ServiceAccount CA and shows a page', async () => {
  const token = process.env.WHEELHOUSE_VIEWER_TOKEN;
  assert.ok(token, 'the cluster env has the viewer token');
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { Origin: url, 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  assert.equal(signIn.status, 200, await signIn.clone().text());
  assert.equal(((await signIn.json()) as { context: string }).context, 'in-cluster');
  const cookie = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const res = await fetch(`${url}/c/in-cluster/demo/deployments`, { headers: { Cookie: cookie } });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /Signed in as/);
  // The seeded demo namespace's Deployments, read by the viewer from the container.
  const list = await fetch(`${url}/api/c/in-cluster/demo/deployments`, { headers: { Cookie: cookie } });
  assert.equal(list.status, 200, await list.clone().text());
  const items = ((await list.json()) as { items: { name: string }[] }).items;
  assert.ok(items.length > 0, 'the demo namespace has Deployments');
  assert.ok(
    items.some((d) => html.includes(d.name)),
    'the page renders them',
  );
});
