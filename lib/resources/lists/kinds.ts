import * as cluster from './rows/cluster';
import { rowOf } from './rows/common';
import * as config from './rows/config';
import * as network from './rows/network';
import type { Column, KubeObject, Row, RowSpec } from './rows/types';
import * as workloads from './rows/workloads';

export type { Cell, Column, KubeObject, Row, Tone } from './rows/types';

/**
 * Every kind Wheelhouse lists: where it lives in the API and how one object becomes a table row.
 * Pure, so the watch cache, server-rendered pages and the browser share one definition.
 */
export interface KindDef {
  /** URL segment and subscription name: the API's plural resource name. */
  slug: string;
  /** Plural, for headings and sentences. */
  label: string;
  /** A shorter label where space is tight (the nav). */
  navLabel?: string;
  /** The order when the URL gives none; by name otherwise. */
  defaultSort?: { key: string; dir: 'asc' | 'desc' };
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  category: 'Workloads' | 'Network' | 'Config and storage' | 'Cluster';
  columns: Column[];
  /** The plural resource name when the slug is group-qualified (kinds from discovery); else the slug. */
  resource?: string;
  /**
   * Listed in the API server's Table format (lib/resources/api-kinds): the columns come with the
   * list, as `kubectl get` prints them, and `columns` is empty.
   */
  table?: true;
  toRow: (obj: KubeObject) => Row;
}

/** `def(apiVersion, Kind, plural, label, scope, category, rows)`: one line per kind keeps the table readable. */
function def<T>(
  apiVersion: string,
  kind: string,
  plural: string,
  label: string,
  scope: 'namespaced' | 'cluster',
  category: KindDef['category'],
  spec: RowSpec<T>,
): KindDef {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return {
    slug: plural,
    label,
    kind,
    group: group ?? '',
    version: version ?? apiVersion,
    namespaced: scope === 'namespaced',
    category,
    columns: spec.columns,
    toRow: (obj) => rowOf(obj, spec.view(obj as unknown as T)),
  };
}

const W = 'Workloads';
const N = 'Network';
const S = 'Config and storage';
const C = 'Cluster';
const NS = 'namespaced';

export const KINDS: readonly KindDef[] = [
  def('apps/v1', 'Deployment', 'deployments', 'Deployments', NS, W, workloads.deployments),
  def('apps/v1', 'StatefulSet', 'statefulsets', 'StatefulSets', NS, W, workloads.statefulsets),
  def('apps/v1', 'DaemonSet', 'daemonsets', 'DaemonSets', NS, W, workloads.daemonsets),
  def('apps/v1', 'ReplicaSet', 'replicasets', 'ReplicaSets', NS, W, workloads.replicasets),
  def('v1', 'Pod', 'pods', 'Pods', NS, W, workloads.pods),
  def('batch/v1', 'Job', 'jobs', 'Jobs', NS, W, workloads.jobs),
  def('batch/v1', 'CronJob', 'cronjobs', 'CronJobs', NS, W, workloads.cronjobs),
  def(
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscalers',
    NS,
    W,
    config.horizontalpodautoscalers,
  ),
  def('v1', 'Service', 'services', 'Services', NS, N, network.services),
  def(
    'discovery.k8s.io/v1',
    'EndpointSlice',
    'endpointslices',
    'EndpointSlices',
    NS,
    N,
    network.endpointslices,
  ),
  def('networking.k8s.io/v1', 'Ingress', 'ingresses', 'Ingresses', NS, N, network.ingresses),
  def('v1', 'ConfigMap', 'configmaps', 'ConfigMaps', NS, S, config.configmaps),
  def('v1', 'Secret', 'secrets', 'Secrets', NS, S, config.secrets),
  def(
    'v1',
    'PersistentVolumeClaim',
    'persistentvolumeclaims',
    'PersistentVolumeClaims',
    NS,
    S,
    config.persistentvolumeclaims,
  ),
  def(
    'v1',
    'PersistentVolume',
    'persistentvolumes',
    'PersistentVolumes',
    'cluster',
    S,
    config.persistentvolumes,
  ),
  def(
    'storage.k8s.io/v1',
    'StorageClass',
    'storageclasses',
    'StorageClasses',
    'cluster',
    S,
    config.storageclasses,
  ),
  def('v1', 'Event', 'events', 'Events', NS, C, cluster.events),
  def('v1', 'Node', 'nodes', 'Nodes', 'cluster', C, cluster.nodes),
  def('v1', 'Namespace', 'namespaces', 'Namespaces', 'cluster', C, cluster.namespaces),
];

const bySlug = new Map(KINDS.map((k) => [k.slug, k]));

// "HorizontalPodAutoscalers" does not fit a sidebar; events matter newest first, not by their names.
const hpa = KINDS.find((k) => k.slug === 'horizontalpodautoscalers');
if (hpa) hpa.navLabel = 'Autoscalers (HPA)';
const events = KINDS.find((k) => k.slug === 'events');
if (events) events.defaultSort = { key: 'lastSeen', dir: 'desc' };

export const KIND_SLUGS = KINDS.map((k) => k.slug);

export function kindBySlug(slug: string): KindDef | undefined {
  return bySlug.get(slug);
}

/** The REST path of the collection; cluster-scoped kinds ignore the namespace. */
export function collectionPath(k: KindDef, namespace: string | undefined): string {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  const ns = k.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${resourceOf(k)}`;
}

/** The plural resource name, as the API and access reviews name it. */
export function resourceOf(k: KindDef): string {
  return k.resource ?? k.slug;
}

export function apiVersion(k: KindDef): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** An object as it may be shown (YAML on a detail page): the one redaction, see lib/kube/redaction.ts. */
export { redact as sanitize } from '../../kube/redaction';
