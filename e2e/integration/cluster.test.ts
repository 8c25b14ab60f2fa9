import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { VersionApi } from '@kubernetes/client-node';
import { readWorkload } from '@/lib/resources/workloads/server/workloads';
import {
  ADMIN_CONTEXT,
  adminConfig,
  apps,
  core,
  createNamespace,
  deleteNamespace,
  deployment,
  waitFor,
  waitForDeploymentReady,
} from '../support/kube';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;

let ns: string;
before(async () => {
  ns = await createNamespace('cluster');
});
after(async () => {
  await deleteNamespace(ns);
});

test('the API server is the pinned Kubernetes release, not a stand-in', async () => {
  const v = await adminConfig().makeApiClient(VersionApi).getCode();
  assert.match(v.gitVersion, /^v1\.36\.\d+$/);
  assert.equal(v.major, '1');
});

test('a new Deployment gets a ReplicaSet and Ready pods on fake nodes', async () => {
  await apps().createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'proof', { replicas: 2 }) });
  // controller-manager: Deployment -> ReplicaSet
  const rs = await waitFor('a ReplicaSet owned by the Deployment', async () => {
    const list = await apps().listNamespacedReplicaSet({ namespace: ns });
    return list.items.find((r) =>
      r.metadata?.ownerReferences?.some((o) => o.kind === 'Deployment' && o.name === 'proof'),
    );
  });
  assert.equal(rs.spec?.replicas, 2);
  await waitForDeploymentReady(ns, 'proof');
  const pods = (await core().listNamespacedPod({ namespace: ns, labelSelector: 'app=proof' })).items;
  assert.equal(pods.length, 2);
  for (const pod of pods) {
    // scheduler: bound to a node; KWOK: that node is a fake one and the pod runs and is Ready
    assert.ok(pod.spec?.nodeName, 'pod is scheduled');
    const node = await core().readNode({ name: pod.spec.nodeName });
    assert.equal(node.metadata?.annotations?.['kwok.x-k8s.io/node'], 'fake');
    assert.equal(pod.status?.phase, 'Running');
    assert.equal(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
  }
});

const multi = (context: string) =>
  readWorkload({ context, namespace: ns, kind: 'deployments', name: 'multi' });

test('readWorkload returns what the API server says', async () => {
  await apps().createNamespacedDeployment({
    namespace: ns,
    body: deployment(ns, 'multi', { replicas: 3, images: ['nginx:1.27', 'envoy:1.30'] }),
  });
  const d = await waitForDeploymentReady(ns, 'multi');
  const w = await multi(ADMIN_CONTEXT);
  assert.equal(w.kind, 'deployments');
  assert.equal(w.obj.metadata?.uid, d.metadata?.uid);
  assert.equal(w.obj.spec?.replicas, 3);
  assert.equal(w.obj.status?.readyReplicas, d.status?.readyReplicas);
  assert.deepEqual(
    w.obj.spec?.template?.spec?.containers.map((c) => c.image),
    ['nginx:1.27', 'envoy:1.30'],
  );
});

test('the viewer may read a Deployment but nobody is told they may not', async () => {
  assert.equal((await multi('viewer')).obj.metadata?.name, 'multi');
  await assert.rejects(multi('nobody'), (e: { status?: number; message?: string }) => {
    assert.equal(e.status, 403);
    assert.equal(e.message, `You may not get deployments "multi" in namespace "${ns}".`);
    return true;
  });
});

test('an unreachable cluster is a 503 that names the context', async () => {
  await assert.rejects(multi('unreachable'), (e: { status?: number; message?: string }) => {
    assert.equal(e.status, 503);
    assert.match(e.message ?? '', /Cannot reach the cluster for context "unreachable"/);
    return true;
  });
});

test('cluster.sh down removes the empty folder of an up that failed early, and refuses a folder it did not make', () => {
  const script = path.join(process.cwd(), 'e2e/cluster/cluster.sh');
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'wheelhouse-empty-'));
  execFileSync('bash', [script, 'down', empty], { stdio: 'pipe' });
  assert.equal(fs.existsSync(empty), false);
  const foreign = fs.mkdtempSync(path.join(os.tmpdir(), 'wheelhouse-foreign-'));
  fs.writeFileSync(path.join(foreign, 'keep'), 'not a cluster');
  try {
    assert.throws(() => execFileSync('bash', [script, 'down', foreign], { stdio: 'pipe' }));
    assert.equal(fs.readFileSync(path.join(foreign, 'keep'), 'utf8'), 'not a cluster');
  } finally {
    fs.rmSync(foreign, { recursive: true, force: true });
  }
});
