import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadView } from '@/lib/live/views';
import type { PodModel } from '@/lib/live/views/pod';
import { podRequests } from '@/lib/resources/nodes/quantities';
import type { NodeList } from '@/lib/resources/nodes/server/nodes';
import type { OverviewData } from '@/lib/resources/overview/overview';
import { classifyPod } from '@/lib/resources/pods/health';
import {
  ADMIN_CONTEXT,
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
  ns = await createNamespace('healthint');
  const sized = deployment(ns, 'sized', { replicas: 2 });
  const c = sized.spec?.template.spec?.containers[0];
  if (c) c.resources = { requests: { cpu: '300m', memory: '200Mi' } };
  await Promise.all([
    apps().createNamespacedDeployment({ namespace: ns, body: sized }),
    apps().createNamespacedDeployment({
      namespace: ns,
      body: deployment(ns, 'crashy', { labels: { 'wheelhouse.dev/simulate': 'crashloop' } }),
    }),
  ]);
  await waitForDeploymentReady(ns, 'sized');
  await waitFor('the crashy pod to crash-loop', async () => {
    const pods = (await core().listNamespacedPod({ namespace: ns, labelSelector: 'app=crashy' })).items;
    return pods.some((p) => classifyPod(p, { now: Date.now() }).state === 'CrashLoop');
  });
});
after(async () => {
  await deleteNamespace(ns);
});

// The pages' loaders: server-side views computed from the shared watch cache.
const getOverview = (context: string, namespace: string) =>
  loadView<OverviewData>({ context, view: 'overview', namespace });
const getPodDetail = async (context: string, namespace: string, name: string) =>
  (await loadView<PodModel>({ context, view: 'pod', namespace, name })).detail;
const listNodeRows = (context: string) => loadView<NodeList>({ context, view: 'nodes', namespace: '_all' });

test('the overview view rolls workloads up from their pods, failing first, with the diagnosis inline', async () => {
  const o = await getOverview(ADMIN_CONTEXT, ns);
  assert.deepEqual(
    o.workloads.map((w) => [w.name, w.health]),
    [
      ['crashy', 'failing'],
      ['sized', 'healthy'],
    ],
  );
  const crashy = o.workloads[0];
  assert.equal(crashy?.pods.length, 1);
  assert.match(crashy?.pods[0]?.health.summary ?? '', /crash-looping .*exit code 1/);
  assert.equal(o.problemPods.length, 1);
  assert.equal(o.podCount, 3);
  assert.deepEqual(o.gaps, []);
  assert.ok(o.nodes && o.nodes.total > 0);
});

test('the viewer sees the overview without nodes, and is told why; nobody is refused', async () => {
  const o = await getOverview('viewer', ns);
  assert.equal(o.workloads.length, 2);
  assert.equal(o.nodes, null);
  assert.deepEqual(o.gaps, ['You may not list nodes in this cluster.']);
  await assert.rejects(getOverview('nobody', ns), (e: { status?: number; message?: string }) => {
    assert.equal(e.status, 403);
    assert.equal(e.message, `You may not list pods in namespace "${ns}".`);
    return true;
  });
});

test('the pod view follows the owner chain to the Deployment and lists the pod events', async () => {
  const [pod] = (await core().listNamespacedPod({ namespace: ns, labelSelector: 'app=sized' })).items;
  const d = await getPodDetail(ADMIN_CONTEXT, ns, pod?.metadata?.name ?? '');
  assert.equal(d.owners.length, 2);
  assert.equal(d.owners[0]?.kind, 'ReplicaSet');
  assert.equal(d.owners[0]?.name, pod?.metadata?.ownerReferences?.[0]?.name);
  assert.deepEqual(d.owners[1], { kind: 'Deployment', name: 'sized' });
  assert.deepEqual(d.containers[0]?.requests, { cpu: '300m', memory: '200Mi' });
  assert.equal(d.row.health.state, 'Ready');
  assert.ok(d.events.some((e) => e.reason === 'Scheduled' && e.object.name === pod?.metadata?.name));
});

test('the nodes view counts the requests of the pods on each node', async () => {
  // Other test files share the cluster, so this checks our own pods are counted, not exact totals.
  const { items } = await listNodeRows(ADMIN_CONTEXT);
  const mine = (await core().listNamespacedPod({ namespace: ns, labelSelector: 'app=sized' })).items;
  assert.equal(mine.length, 2);
  for (const n of items) {
    assert.ok(n.allocatable.cpu > 0 && n.allocatable.memory > 0, `allocatable of ${n.name}`);
    const here = mine.filter((p) => p.spec?.nodeName === n.name);
    const cpu = here.reduce((s, p) => s + podRequests(p).cpu, 0);
    assert.ok((n.requested?.cpu ?? -1) >= cpu - 1e-9, `cpu requested on ${n.name}`);
    assert.ok((n.pods ?? -1) >= here.length, `pods on ${n.name}`);
  }
  assert.ok(items.some((n) => (n.requested?.cpu ?? 0) >= 0.3));
});
