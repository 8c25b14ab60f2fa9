import 'server-only';
import { AppsV1Api, BatchV1Api, CoreV1Api, type V1Node, type V1Pod } from '@kubernetes/client-node';
import { apiClient } from './client';
import { CredentialCache, credentialKey } from './credential-cache';
import { toAppError } from './errors';
import { byHealth } from './health';
import { controllerOf, type OwnerRef, type PodDetail, type PodRow, toPodDetail, toPodRow } from './pod-views';

export type NodeReady = 'True' | 'False' | 'Unknown';

export function nodeReadyOf(n: V1Node): NodeReady {
  const s = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return s === 'True' || s === 'False' ? s : 'Unknown';
}

/**
 * Ready status per node, to tell "pod on a lost node" apart. Namespaced users often may not list
 * nodes: that is not an error for a pod view, the classifier then trusts the pod's own status.
 */
export async function nodeReadiness(context: string): Promise<Map<string, NodeReady>> {
  // Every 2 s poll of every open pod view asks this; node readiness changes on a scale of 40 s.
  // Whether nodes may be listed at all depends on who asks: keyed by the credential, not the context.
  const credential = await credentialKey(context);
  const hit = readinessCache.get(credential, 'nodes');
  if (hit) return hit;
  let value: Map<string, NodeReady>;
  try {
    const list = await apiClient(context, CoreV1Api).listNode();
    value = new Map(list.items.map((n) => [n.metadata?.name ?? '', nodeReadyOf(n)]));
  } catch {
    value = new Map();
  }
  readinessCache.set(credential, 'nodes', value);
  return value;
}

const NODE_READINESS_TTL_MS = 5000;
const readinessCache = new CredentialCache<Map<string, NodeReady>>(NODE_READINESS_TTL_MS);

export async function listPods(
  context: string,
  namespace: string | undefined,
  labelSelector?: string,
): Promise<V1Pod[]> {
  const core = apiClient(context, CoreV1Api);
  try {
    const list = namespace
      ? await core.listNamespacedPod({ namespace, labelSelector })
      : await core.listPodForAllNamespaces({ labelSelector });
    return list.items;
  } catch (e) {
    throw toAppError(e, { context, verb: 'list', resource: 'pods', namespace });
  }
}

export async function listPodRows(context: string, namespace: string | undefined): Promise<PodRow[]> {
  const [pods, nodes] = await Promise.all([listPods(context, namespace), nodeReadiness(context)]);
  const now = Date.now();
  return pods.map((p) => toPodRow(p, now, nodes.get(p.spec?.nodeName ?? ''))).sort(byHealth);
}

export async function readPod(context: string, namespace: string, name: string): Promise<V1Pod> {
  try {
    return await apiClient(context, CoreV1Api).readNamespacedPod({ namespace, name });
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: 'pod', namespace, name });
  }
}

/** The controller of one object, or null when it has none or we may not read it. */
async function parentOf(context: string, namespace: string, ref: OwnerRef): Promise<OwnerRef | null> {
  try {
    if (ref.kind === 'ReplicaSet') {
      const rs = await apiClient(context, AppsV1Api).readNamespacedReplicaSet({ namespace, name: ref.name });
      return controllerOf(rs.metadata);
    }
    if (ref.kind === 'Job') {
      const job = await apiClient(context, BatchV1Api).readNamespacedJob({ namespace, name: ref.name });
      return controllerOf(job.metadata);
    }
  } catch {
    // A 403/404 on a parent only shortens the chain; the pod itself is still worth showing.
  }
  return null;
}

/** Pod -> ReplicaSet -> Deployment (or Job -> CronJob): controllers, nearest first. */
export async function ownerChain(context: string, pod: V1Pod): Promise<OwnerRef[]> {
  const namespace = pod.metadata?.namespace ?? '';
  const chain: OwnerRef[] = [];
  let cur = controllerOf(pod.metadata);
  while (cur && chain.length < 4) {
    chain.push(cur);
    cur = await parentOf(context, namespace, cur);
  }
  return chain;
}

export async function podEvents(context: string, namespace: string, uid: string) {
  try {
    const list = await apiClient(context, CoreV1Api).listNamespacedEvent({
      namespace,
      fieldSelector: `involvedObject.uid=${uid}`,
    });
    return list.items;
  } catch (e) {
    const err = toAppError(e, { context, verb: 'list', resource: 'events', namespace });
    if (err.status === 403) return [];
    throw err;
  }
}

export async function getPodDetail(context: string, namespace: string, name: string): Promise<PodDetail> {
  const pod = await readPod(context, namespace, name);
  const [owners, events, nodes] = await Promise.all([
    ownerChain(context, pod),
    podEvents(context, namespace, pod.metadata?.uid ?? ''),
    nodeReadiness(context),
  ]);
  return toPodDetail(pod, {
    now: Date.now(),
    nodeReady: nodes.get(pod.spec?.nodeName ?? ''),
    owners,
    events,
  });
}
