/**
 * A dashboard identity whose requests the API server counts apart from everyone else's: a
 * ServiceAccount (cluster-admin) and two FlowSchemas for it, one for LIST/GET and one for WATCH, read
 * from apiserver_flowcontrol_dispatched_requests_total. The request metrics have no namespace or user
 * label, so other test files sharing the cluster would blur them (a namespace's delete plan lists
 * every kind in it); these figures are this identity's alone.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { adminConfig, core, waitFor } from './kube';

export interface CountedIdentity {
  /** The context to give the dashboard (its kubeconfig is `kubeconfig`, with every other context too). */
  context: string;
  kubeconfig: string;
  /** Requests the API server dispatched for this identity so far. */
  counts(): { reads: number; watches: number };
  remove(): Promise<void>;
}

function kubectl(args: string[], input = ''): string {
  const bin = process.env.WHEELHOUSE_BIN ? `${process.env.WHEELHOUSE_BIN}/kubectl` : 'kubectl';
  const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG ?? '';
  return execFileSync(bin, ['--kubeconfig', kubeconfig, '--context', 'admin', ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
}

function dispatched(text: string, flowSchema: string): number {
  let n = 0;
  for (const line of text.split('\n'))
    if (
      line.startsWith('apiserver_flowcontrol_dispatched_requests_total{') &&
      line.includes(`flow_schema="${flowSchema}"`)
    )
      n += Number(line.slice(line.lastIndexOf(' ') + 1));
  return n;
}

/**
 * Creates the identity in `namespace` (which the caller deletes); `context` names it in the
 * kubeconfig. Only requests for `resources` are counted (every resource by default).
 */
export async function countedIdentity(
  namespace: string,
  context: string,
  resources: string[] = ['*'],
): Promise<CountedIdentity> {
  const name = `${namespace}-dashboard`.slice(0, 63);
  const reads = `${namespace}-reads`;
  const watches = `${namespace}-watches`;
  await core().createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'dashboard' } } });
  await adminConfig()
    .makeApiClient(RbacAuthorizationV1Api)
    .createClusterRoleBinding({
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ kind: 'ServiceAccount', name: 'dashboard', namespace }],
      },
    });
  const subject = { kind: 'ServiceAccount', serviceAccount: { name: 'dashboard', namespace } };
  const schema = (schemaName: string, verbs: string[], precedence: number) => ({
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
    kind: 'FlowSchema',
    metadata: { name: schemaName },
    spec: {
      priorityLevelConfiguration: { name: 'workload-low' },
      matchingPrecedence: precedence,
      distinguisherMethod: { type: 'ByUser' },
      rules: [
        {
          subjects: [subject],
          resourceRules: [{ verbs, apiGroups: ['*'], resources, namespaces: ['*'], clusterScope: true }],
        },
      ],
    },
  });
  kubectl(['apply', '-f', '-'], JSON.stringify(schema(reads, ['list', 'get'], 500)));
  kubectl(['apply', '-f', '-'], JSON.stringify(schema(watches, ['watch'], 501)));
  const token = await core().createNamespacedServiceAccountToken({
    namespace,
    name: 'dashboard',
    body: { spec: { expirationSeconds: 3600 } },
  });
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG ?? '');
  const cluster = kc.getCurrentCluster();
  assert.ok(cluster);
  kc.addUser({ name: context, token: token.status?.token ?? '' });
  kc.addContext({ name: context, cluster: cluster.name, user: context, namespace });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-counted-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, kc.exportConfig(), { mode: 0o600 });
  // The FlowSchemas take effect once the API server's APF controller has seen them.
  await waitFor('the FlowSchemas to be in use', async () =>
    kubectl([
      'get',
      'flowschema',
      reads,
      watches,
      '-o',
      'jsonpath={.items[*].status.conditions[?(@.type=="Dangling")].status}',
    ])
      .split(' ')
      .every((s) => s === 'False'),
  );
  return {
    context,
    kubeconfig,
    counts: () => {
      const text = kubectl(['get', '--raw', '/metrics']);
      return { reads: dispatched(text, reads), watches: dispatched(text, watches) };
    },
    remove: async () => {
      try {
        kubectl(['delete', 'flowschema', reads, watches, '--ignore-not-found']);
      } catch {
        // best effort: the namespace goes with the test
      }
      await adminConfig()
        .makeApiClient(RbacAuthorizationV1Api)
        .deleteClusterRoleBinding({ name })
        .catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
