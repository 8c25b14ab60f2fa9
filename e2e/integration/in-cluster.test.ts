import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { dumpYaml, loadAllYaml, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { adminConfig, apps, core, createNamespace, deleteNamespace, deployment } from '../support/kube';
import { type Dashboard, sessionKey, startDashboard } from '../support/server';

// deploy/ applied to the real cluster, then the dashboard run as it would run in a pod: no
// kubeconfig, the ServiceAccount's token and CA in files, KUBERNETES_SERVICE_HOST/_PORT set.

const root = path.resolve(import.meta.dirname, '../..');
const kubectl = path.join(process.env.WHEELHOUSE_BIN ?? '', 'kubectl');

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  roleRef?: { name: string };
  subjects?: { namespace?: string }[];
}

let ns: string;
let tmp: string;
let dash: Dashboard | undefined;
let inClusterEnv: Record<string, string> | undefined;
const clusterScoped: { kind: string; name: string }[] = [];

/** The shipped manifests, moved into this test's namespace and with cluster-wide names made unique. */
function manifestsFor(namespace: string): string {
  const docs = fs
    .readdirSync(path.join(root, 'deploy'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => loadAllYaml(fs.readFileSync(path.join(root, 'deploy', f), 'utf8')) as Manifest[]);
  assert.deepEqual([...new Set(docs.map((d) => d.kind))].sort(), [
    'ClusterRole',
    'ClusterRoleBinding',
    'Deployment',
    'Namespace',
    'Service',
    'ServiceAccount',
  ]);
  for (const d of docs) {
    if (d.kind === 'Namespace') d.metadata.name = namespace;
    else if (d.kind === 'ClusterRole' || d.kind === 'ClusterRoleBinding') {
      d.metadata.name = `${namespace}-${d.metadata.name}`;
      clusterScoped.push({ kind: d.kind, name: d.metadata.name });
    } else d.metadata.namespace = namespace;
    if (d.roleRef) d.roleRef.name = `${namespace}-${d.roleRef.name}`;
    for (const s of d.subjects ?? []) s.namespace = namespace;
  }
  return docs.map((d) => dumpYaml(d)).join('---\n');
}

function apply(yaml: string, ...flags: string[]): string {
  return execFileSync(
    kubectl,
    ['apply', '--server-side', '--field-manager=wheelhouse-test', ...flags, '-f', '-'],
    {
      input: yaml,
      env: { ...process.env, KUBECONFIG: process.env.KUBECONFIG },
      encoding: 'utf8',
    },
  );
}

before(async () => {
  ns = await createNamespace('incluster');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-incluster-'));
});

after(async () => {
  await dash?.stop();
  const rbac = adminConfig().makeApiClient(RbacAuthorizationV1Api);
  for (const o of clusterScoped) {
    const del =
      o.kind === 'ClusterRole'
        ? rbac.deleteClusterRole({ name: o.name })
        : rbac.deleteClusterRoleBinding({ name: o.name });
    await del.catch(() => undefined);
  }
  await deleteNamespace(ns);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the manifests apply: server-side dry run, then for real', async () => {
  const yaml = manifestsFor(ns);
  const dry = apply(yaml, '--dry-run=server');
  assert.match(dry, /deployment\.apps\/wheelhouse serverside-applied \(server dry run\)/);
  const real = apply(yaml);
  assert.match(real, /deployment\.apps\/wheelhouse serverside-applied/);
  const d = await apps().readNamespacedDeployment({ namespace: ns, name: 'wheelhouse' });
  assert.equal(d.spec?.replicas, 2);
  const c = d.spec?.template.spec?.containers[0];
  assert.equal(c?.securityContext?.readOnlyRootFilesystem, true);
  assert.equal(d.spec?.template.spec?.securityContext?.runAsNonRoot, true);
  assert.equal(c?.env?.find((e) => e.name === 'WHEELHOUSE_AUTH_MODE')?.value, 'token');
  // The opt-in write role is valid too (dry run only: nobody opted in here).
  const optIn = execFileSync(
    kubectl,
    ['apply', '--dry-run=server', '-f', path.join(root, 'deploy/opt-in/write.yaml')],
    {
      encoding: 'utf8',
    },
  );
  assert.match(optIn, /clusterrole\.rbac\.authorization\.k8s\.io\/wheelhouse-write .*\(server dry run\)/);
});

test('run in-cluster, the dashboard lists workloads with the ServiceAccount rights and no more', async () => {
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'probe') });
  const tr = await core().createNamespacedServiceAccountToken({
    namespace: ns,
    name: 'wheelhouse',
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const saDir = path.join(tmp, 'serviceaccount');
  fs.mkdirSync(saDir);
  fs.writeFileSync(path.join(saDir, 'token'), tr.status?.token ?? '');
  fs.writeFileSync(path.join(saDir, 'namespace'), ns);
  const cluster = adminConfig().getCurrentCluster();
  assert.ok(cluster);
  const ca = cluster.caData ? Buffer.from(cluster.caData, 'base64') : fs.readFileSync(cluster.caFile ?? '');
  fs.writeFileSync(path.join(saDir, 'ca.crt'), ca);
  const server = new URL(cluster.server);
  const home = path.join(tmp, 'home');
  fs.mkdirSync(home);
  inClusterEnv = {
    HOME: home, // no ~/.kube/config to fall back on
    KUBERNETES_SERVICE_HOST: server.hostname,
    KUBERNETES_SERVICE_PORT: server.port,
    WHEELHOUSE_SA_TOKEN_FILE: path.join(saDir, 'token'),
    WHEELHOUSE_SA_CA_FILE: path.join(saDir, 'ca.crt'),
  };
  dash = await startDashboard(inClusterEnv);
  const list = await fetch(`${dash.url}/api/c/in-cluster/${ns}/deployments`);
  assert.equal(list.status, 200, await list.clone().text());
  const names = ((await list.json()) as { items: { name: string }[] }).items.map((d) => d.name).sort();
  assert.deepEqual(names, ['probe', 'wheelhouse']);
  const page = await (await fetch(`${dash.url}/c/in-cluster/${ns}/deployments`)).text();
  assert.ok(page.includes(`system:serviceaccount:${ns}:wheelhouse`), 'the header names the ServiceAccount');
  // Read-only by default: the cluster says no to changes.
  const patch = (await (
    await fetch(`${dash.url}/api/c/in-cluster/${ns}/can-i?verb=patch&resource=deployments&group=apps`)
  ).json()) as { allowed: boolean };
  assert.equal(patch.allowed, false);
  const secrets = (await (
    await fetch(`${dash.url}/api/c/in-cluster/${ns}/can-i?verb=list&resource=secrets`)
  ).json()) as {
    allowed: boolean;
  };
  assert.equal(secrets.allowed, false);
});

test('as deployed (token mode, in-cluster), people sign in and act with their own token', async () => {
  assert.ok(inClusterEnv, 'runs after the in-cluster test');
  const d = await startDashboard({
    ...inClusterEnv,
    WHEELHOUSE_AUTH_MODE: 'token',
    WHEELHOUSE_SESSION_KEY: sessionKey(),
  });
  try {
    assert.equal((await fetch(`${d.url}/api/c/in-cluster/${ns}/deployments`)).status, 401);
    const signIn = await fetch(`${d.url}/api/session`, {
      method: 'POST',
      headers: { Origin: d.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: process.env.WHEELHOUSE_NOBODY_TOKEN }),
    });
    assert.equal(signIn.status, 200);
    assert.equal(((await signIn.json()) as { context: string }).context, 'in-cluster');
    const cookie = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    // The ServiceAccount may list Deployments; `nobody` may not, and `nobody` is who asks.
    const list = await fetch(`${d.url}/api/c/in-cluster/${ns}/deployments`, { headers: { Cookie: cookie } });
    assert.equal(list.status, 403);
  } finally {
    await d.stop();
  }
});
