import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { adminConfig, apps, core, createNamespace, deleteNamespace, waitFor } from '../support/kube';

// The Helm chart (deploy/helm/wheelhouse) with the pinned helm e2e/cluster/build-helm.sh builds:
// linted, rendered and dry-run applied by the API server, installed into the local cluster and
// its objects checked, then uninstalled. KWOK runs no image, so the objects are what is checked.

const root = path.resolve(import.meta.dirname, '../..');
const chart = path.join(root, 'deploy/helm/wheelhouse');
const helmBin = process.env.WHEELHOUSE_HELM ?? '';
const kubectlBin = path.join(process.env.WHEELHOUSE_BIN ?? '', 'kubectl');

let ns: string;
let release: string;
let tmp: string;
let helmEnv: NodeJS.ProcessEnv;
const rbac = () => adminConfig().makeApiClient(RbacAuthorizationV1Api);

before(async () => {
  assert.ok(helmBin, 'WHEELHOUSE_HELM is not set: source the cluster env written by cluster.sh up');
  ns = await createNamespace('helm');
  release = `wheelhouse-${ns.slice(-6)}`;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-helm-'));
  // helm keeps caches and config under HOME otherwise.
  helmEnv = {
    ...process.env,
    HELM_CACHE_HOME: path.join(tmp, 'cache'),
    HELM_CONFIG_HOME: path.join(tmp, 'config'),
    HELM_DATA_HOME: path.join(tmp, 'data'),
  };
  // Pods the chart makes must pass the restricted Pod Security Standard, or the ReplicaSet gets none.
  kubectl('label', 'namespace', ns, 'pod-security.kubernetes.io/enforce=restricted');
});

after(async () => {
  spawnSync(helmBin, ['uninstall', release, '--namespace', ns], { env: helmEnv });
  await deleteNamespace(ns);
  fs.rmSync(tmp, { recursive: true, force: true });
});

function helm(...args: string[]): string {
  return execFileSync(helmBin, args, { env: helmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs helm expecting it to fail, and returns what it said. */
function helmRefuses(...args: string[]): string {
  const r = spawnSync(helmBin, args, { env: helmEnv, encoding: 'utf8' });
  assert.notEqual(r.status, 0, `helm ${args.join(' ')} should have failed:\n${r.stdout}`);
  return r.stderr;
}

function kubectl(...args: string[]): string {
  return execFileSync(kubectlBin, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

function canI(verb: string, resource: string): string {
  const r = spawnSync(
    kubectlBin,
    ['auth', 'can-i', verb, resource, '--all-namespaces', `--as=system:serviceaccount:${ns}:${release}`],
    { encoding: 'utf8' },
  );
  return r.stdout.trim();
}

const everything = [
  '--set',
  'rbac.write=true,ingress.enabled=true,ingress.className=nginx,ingress.tlsSecretName=wheelhouse-tls',
  '--set',
  'auth.session.existingSecret=team-session,auth.sessionHours=8,replicas=3',
];

test('helm lint passes, with the defaults and with every option on', () => {
  for (const flags of [[], everything]) {
    const out = helm('lint', '--strict', chart, ...flags);
    assert.match(out, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  }
});

const oidcValues = [
  '--set',
  'auth.mode=oidc,auth.oidc.issuerUrl=https://login.example.com,auth.oidc.clientId=wheelhouse',
  '--set',
  'auth.oidc.clientSecret.existingSecret=wheelhouse-oidc,auth.oidc.caConfigMap.name=corp-ca',
  '--set',
  'auth.oidc.refreshSeconds=90,ingress.enabled=true,ingress.host=wh.example.com',
];

test('values the application cannot run with are refused with a sentence', () => {
  assert.match(
    helmRefuses('template', 'x', chart, '--set', 'auth.mode=oidc'),
    /auth\.mode=oidc needs auth\.oidc\.issuerUrl/,
  );
  assert.match(
    helmRefuses(
      'template',
      'x',
      chart,
      '--set',
      'auth.mode=oidc,auth.oidc.issuerUrl=https://login.example.com',
    ),
    /auth\.mode=oidc needs auth\.oidc\.clientId/,
  );
  assert.match(
    helmRefuses(
      'template',
      'x',
      chart,
      '--set',
      'auth.mode=oidc,auth.oidc.issuerUrl=https://login.example.com,auth.oidc.clientId=wheelhouse',
    ),
    /auth\.mode=oidc needs the dashboard's public address/,
  );
  assert.match(
    helmRefuses('template', 'x', chart, '--set', 'auth.mode=local'),
    /at '\/auth\/mode': value must be one of 'token', 'oidc'/,
  );
  assert.match(helmRefuses('template', 'x', chart, '--set', 'replicas=two'), /at '\/replicas': got string/);
});

test('OIDC values render the provider settings, the client secret from its Secret and the CA mount', () => {
  assert.match(helm('lint', '--strict', chart, ...oidcValues), /0 chart\(s\) failed/);
  const yaml = helm('template', 'x', chart, '--show-only', 'templates/deployment.yaml', ...oidcValues);
  const env = (name: string) =>
    new RegExp(`- name: ${name}\\n\\s+(value: .*|valueFrom:[\\s\\S]*?key: \\S+)`).exec(yaml)?.[1];
  assert.equal(env('WHEELHOUSE_AUTH_MODE'), 'value: oidc');
  assert.equal(env('WHEELHOUSE_PUBLIC_URL'), 'value: "https://wh.example.com"');
  assert.equal(env('WHEELHOUSE_OIDC_ISSUER_URL'), 'value: "https://login.example.com"');
  assert.equal(env('WHEELHOUSE_OIDC_CLIENT_ID'), 'value: "wheelhouse"');
  assert.equal(env('WHEELHOUSE_OIDC_SCOPES'), 'value: "openid profile email groups offline_access"');
  assert.equal(env('WHEELHOUSE_OIDC_REFRESH_SECONDS'), 'value: "90"');
  assert.match(env('WHEELHOUSE_OIDC_CLIENT_SECRET') ?? '', /name: wheelhouse-oidc\s+key: client-secret$/);
  assert.equal(env('WHEELHOUSE_OIDC_CA_FILE'), 'value: /etc/wheelhouse/oidc-ca/ca.crt');
  assert.match(yaml, /- name: oidc-ca\s+mountPath: \/etc\/wheelhouse\/oidc-ca\s+readOnly: true/);
  assert.match(yaml, /- name: oidc-ca\s+configMap:\s+name: corp-ca/);
  // Token mode renders none of it.
  const token = helm('template', 'x', chart, '--show-only', 'templates/deployment.yaml');
  assert.doesNotMatch(token, /WHEELHOUSE_OIDC_|oidc-ca/);
});

test('the plain manifests in deploy/ are the chart rendered by deploy/generate.sh', () => {
  const out = path.join(tmp, 'generated');
  execFileSync('bash', [path.join(root, 'deploy/generate.sh'), out], {
    env: { ...helmEnv, WHEELHOUSE_HELM: helmBin },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const yamlIn = (dir: string) =>
    (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).sort();
  const committed = yamlIn(path.join(root, 'deploy')).filter((f) => !f.startsWith('helm/'));
  assert.deepEqual(yamlIn(out), committed);
  for (const f of committed) {
    assert.equal(
      fs.readFileSync(path.join(root, 'deploy', f), 'utf8'),
      fs.readFileSync(path.join(out, f), 'utf8'),
      `deploy/${f} differs from the chart: run bash deploy/generate.sh`,
    );
  }
});

test('helm template with every option on passes a server-side dry run', () => {
  const oidcYaml = helm('template', release, chart, '--namespace', ns, ...oidcValues);
  assert.match(
    execFileSync(kubectlBin, ['apply', '--dry-run=server', '-f', '-'], { input: oidcYaml, encoding: 'utf8' }),
    new RegExp(`^deployment\\.apps/${release} created \\(server dry run\\)$`, 'm'),
  );
  const yaml = helm('template', release, chart, '--namespace', ns, ...everything);
  const out = execFileSync(kubectlBin, ['apply', '--dry-run=server', '-f', '-'], {
    input: yaml,
    encoding: 'utf8',
  });
  for (const o of [
    `serviceaccount/${release}`,
    `clusterrole.rbac.authorization.k8s.io/${release}-read`,
    `clusterrole.rbac.authorization.k8s.io/${release}-audit`,
    `clusterrole.rbac.authorization.k8s.io/${release}-write`,
    `clusterrolebinding.rbac.authorization.k8s.io/${release}-write`,
    `service/${release}`,
    `deployment.apps/${release}`,
    `ingress.networking.k8s.io/${release}`,
  ]) {
    assert.match(out, new RegExp(`^${o.replaceAll('.', '\\.')} created \\(server dry run\\)$`, 'm'));
  }
});

test('helm install: read-only by default, write RBAC only when asked; uninstall removes it all', async () => {
  const notes = helm('install', release, chart, '--namespace', ns);
  // No session Secret yet, so the notes say how to make one.
  assert.ok(
    notes.includes(`kubectl -n ${ns} create secret generic ${release}-session --from-literal=key=`),
    notes,
  );

  const d = await apps().readNamespacedDeployment({ namespace: ns, name: release });
  const selector = { 'app.kubernetes.io/name': 'wheelhouse', 'app.kubernetes.io/instance': release };
  assert.deepEqual(d.spec?.selector.matchLabels, selector);
  assert.equal(d.spec?.replicas, 2);
  const pod = d.spec?.template.spec;
  assert.equal(pod?.serviceAccountName, release);
  assert.deepEqual(
    {
      runAsNonRoot: pod?.securityContext?.runAsNonRoot,
      runAsUser: pod?.securityContext?.runAsUser,
      runAsGroup: pod?.securityContext?.runAsGroup,
      seccomp: pod?.securityContext?.seccompProfile?.type,
    },
    { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccomp: 'RuntimeDefault' },
  );
  const c = pod?.containers[0];
  assert.equal(c?.image, 'ghcr.io/wheelhouse-dev/wheelhouse:0.1.0');
  assert.equal(c?.securityContext?.readOnlyRootFilesystem, true);
  assert.equal(c?.securityContext?.allowPrivilegeEscalation, false);
  assert.deepEqual(c?.securityContext?.capabilities?.drop, ['ALL']);
  assert.equal(c?.env?.find((e) => e.name === 'WHEELHOUSE_AUTH_MODE')?.value, 'token');
  assert.deepEqual(
    { ...c?.env?.find((e) => e.name === 'WHEELHOUSE_SESSION_KEY')?.valueFrom?.secretKeyRef },
    {
      name: `${release}-session`,
      key: 'key',
    },
  );
  // The only writable paths under a read-only root, each an emptyDir.
  const emptyDirs = new Set(pod?.volumes?.filter((v) => v.emptyDir).map((v) => v.name));
  assert.deepEqual(c?.volumeMounts?.map((m) => [m.mountPath, emptyDirs.has(m.name)]).sort(), [
    ['/app/.next/cache', true],
    ['/tmp', true],
    ['/var/lib/wheelhouse', true],
  ]);
  // The ReplicaSet's pods were admitted under "restricted".
  await waitFor('2 pods admitted under the restricted Pod Security Standard', async () => {
    const pods = await core().listNamespacedPod({
      namespace: ns,
      labelSelector: `app.kubernetes.io/instance=${release}`,
    });
    return pods.items.length === 2;
  });

  const sa = await core().readNamespacedServiceAccount({ namespace: ns, name: release });
  assert.equal(sa.metadata?.labels?.['app.kubernetes.io/instance'], release);
  const svc = await core().readNamespacedService({ namespace: ns, name: release });
  assert.deepEqual(svc.spec?.selector, selector);
  assert.deepEqual(
    svc.spec?.ports?.map((p) => [p.name, p.port, p.targetPort]),
    [['http', 80, 'http']],
  );

  const read = await rbac().readClusterRole({ name: `${release}-read` });
  const verbs = new Set(read.rules?.flatMap((r) => r.verbs));
  assert.deepEqual([...verbs].sort(), ['get', 'list', 'watch']);
  const audit = await rbac().readClusterRole({ name: `${release}-audit` });
  assert.deepEqual(
    audit.rules?.map((r) => [r.resources, r.verbs]),
    [[['events'], ['create']]],
  );
  for (const name of [`${release}-read`, `${release}-audit`]) {
    const b = await rbac().readClusterRoleBinding({ name });
    assert.equal(b.roleRef.name, name);
    assert.deepEqual(
      b.subjects?.map((x) => ({ ...x })),
      [{ kind: 'ServiceAccount', name: release, namespace: ns }],
    );
  }
  await assert.rejects(rbac().readClusterRole({ name: `${release}-write` }), /404/);
  // What the API server's RBAC decides for the ServiceAccount, not just what the objects say.
  assert.equal(canI('list', 'deployments.apps'), 'yes');
  assert.equal(canI('create', 'events'), 'yes');
  assert.equal(canI('patch', 'deployments.apps'), 'no');
  assert.equal(canI('get', 'secrets'), 'no');

  helm('upgrade', release, chart, '--namespace', ns, '--reuse-values', '--set', 'rbac.write=true');
  const write = await rbac().readClusterRole({ name: `${release}-write` });
  assert.deepEqual([...new Set(write.rules?.flatMap((r) => r.verbs))].sort(), ['patch', 'update']);
  assert.equal(canI('patch', 'deployments.apps'), 'yes');
  assert.equal(canI('update', 'deployments.apps/scale'), 'yes');
  assert.equal(canI('delete', 'deployments.apps'), 'no');
  assert.equal(canI('get', 'secrets'), 'no');

  helm('uninstall', release, '--namespace', ns);
  for (const name of ['read', 'audit', 'write'].map((r) => `${release}-${r}`)) {
    await assert.rejects(rbac().readClusterRole({ name }), /404/, name);
    await assert.rejects(rbac().readClusterRoleBinding({ name }), /404/, name);
  }
  await assert.rejects(apps().readNamespacedDeployment({ namespace: ns, name: release }), /404/);
  await assert.rejects(core().readNamespacedServiceAccount({ namespace: ns, name: release }), /404/);
});
