import { type KindDef, kindBySlug } from '../k8s/kinds';
import { rowOf } from '../k8s/rows/common';

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
];

const viewOnly = new Map(VIEW_ONLY.map((k) => [k.slug, k]));

export function cacheKind(slug: string): KindDef | undefined {
  return kindBySlug(slug) ?? viewOnly.get(slug);
}
