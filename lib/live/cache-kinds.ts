import { type ConfigObject, lastDataChange } from '../resources/drift/drift';
import { type KindDef, type KubeObject, kindBySlug } from '../resources/lists/kinds';
import { rowOf } from '../resources/lists/rows/common';

/**
 * Kinds the watch cache may hold for the server-side views without being a page or a list of their
 * own: ControllerRevisions hold StatefulSet and DaemonSet history; PodDisruptionBudgets gate drains.
 */
const VIEW_ONLY: readonly KindDef[] = [
  {
    slug: 'controllerrevisions',
    label: 'ControllerRevisions',
    kind: 'ControllerRevision',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    category: 'Workloads',
    columns: [],
    toRow: (obj) => rowOf(obj, { cells: {} }),
  },
  // PodDisruptionBudgets: which evictions a node drain will have refused (the node view).
  {
    slug: 'poddisruptionbudgets',
    label: 'PodDisruptionBudgets',
    kind: 'PodDisruptionBudget',
    group: 'policy',
    version: 'v1',
    namespaced: true,
    category: 'Workloads',
    columns: [],
    toRow: (obj) => rowOf(obj, { cells: {} }),
  },
  // The navigation's kinds follow the CRDs (lib/live/views/api-kinds.ts).
  {
    slug: 'customresourcedefinitions',
    label: 'CustomResourceDefinitions',
    kind: 'CustomResourceDefinition',
    group: 'apiextensions.k8s.io',
    version: 'v1',
    namespaced: false,
    category: 'Cluster',
    columns: [],
    toRow: (obj) => rowOf(obj, { cells: {} }),
  },
];

const viewOnly = new Map(VIEW_ONLY.map((k) => [k.slug, k]));

// Kinds found by discovery, per context (lib/resources/api-kinds/server): registered before a list
// of them is started, so the watch cache resolves them synchronously. On globalThis like the cache.
const shared = globalThis as typeof globalThis & { __wheelhouseApiKinds?: Map<string, Map<string, KindDef>> };
shared.__wheelhouseApiKinds ??= new Map();
const discovered = shared.__wheelhouseApiKinds;

export function registerKinds(context: string, kinds: readonly KindDef[]): void {
  discovered.set(context, new Map(kinds.map((k) => [k.slug, k])));
}

export function discoveredKind(context: string, slug: string): KindDef | undefined {
  return discovered.get(context)?.get(slug);
}

export function cacheKind(slug: string, context?: string): KindDef | undefined {
  return kindBySlug(slug) ?? viewOnly.get(slug) ?? (context ? discoveredKind(context, slug) : undefined);
}

/**
 * What views need of an object that redaction removes, worked out from the raw object before the
 * cache drops it: a ConfigMap's or Secret's last data change (from managedFields), for config drift.
 */
export function viewExtras(raw: KubeObject, kind: KindDef): Record<string, unknown> {
  if (kind.kind !== 'ConfigMap' && kind.kind !== 'Secret') return {};
  const at = lastDataChange({ kind: kind.kind, metadata: raw.metadata } as ConfigObject);
  return at ? { dataChangedAt: at } : {};
}
