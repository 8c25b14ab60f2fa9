import { KINDS, type KindDef } from '../lists/kinds';
import { rowOf } from '../lists/rows/common';

/**
 * Every API kind the cluster serves, from aggregated discovery (`/api` and `/apis` as
 * APIGroupDiscoveryList, apidiscovery.k8s.io/v2) and from the CRDs themselves, which say the same
 * thing the moment they are established (discovery follows a moment later). Pure: the server reads,
 * this shapes. Kinds Wheelhouse has no rows of its own for are listed in the API server's Table
 * format, so their columns are `kubectl get`'s.
 */

export const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

export interface ApiResource {
  group: string;
  version: string;
  /** The plural resource name. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** The URL segment of a kind: the plural, group-qualified outside the core group (kubectl's "resource.group"). */
export function slugOf(r: { group: string; resource: string }): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

interface DiscoveryResource {
  resource?: string;
  responseKind?: { kind?: string };
  scope?: string;
  verbs?: string[];
}
interface DiscoveryVersion {
  version?: string;
  resources?: DiscoveryResource[];
}
interface DiscoveryGroup {
  metadata?: { name?: string };
  versions?: DiscoveryVersion[];
}

/**
 * The listable kinds of one APIGroupDiscoveryList, each at its group's preferred version (the first
 * listed, as discovery orders them) or, for a resource not served there, the first version that has it.
 */
export function parseDiscovery(body: unknown): ApiResource[] {
  const items = (body as { items?: DiscoveryGroup[] } | null)?.items;
  if (!Array.isArray(items)) return [];
  const out: ApiResource[] = [];
  for (const g of items) {
    const group = g.metadata?.name ?? '';
    const seen = new Set<string>();
    for (const v of g.versions ?? []) {
      if (!v.version) continue;
      for (const r of v.resources ?? []) {
        const verbs = r.verbs ?? [];
        if (!r.resource || !r.responseKind?.kind || seen.has(r.resource)) continue;
        if (!verbs.includes('list') || !verbs.includes('watch')) continue;
        seen.add(r.resource);
        out.push({
          group,
          version: v.version,
          resource: r.resource,
          kind: r.responseKind.kind,
          namespaced: r.scope === 'Namespaced',
        });
      }
    }
  }
  return out;
}

interface Crd {
  metadata?: { name?: string };
  spec?: {
    group?: string;
    scope?: string;
    names?: { plural?: string; kind?: string };
    versions?: { name?: string; served?: boolean }[];
  };
  status?: { conditions?: { type?: string; status?: string }[] };
}

/**
 * Kubernetes' version priority (apimachinery's CompareKubeAwareVersionStrings): GA before beta
 * before alpha, higher numbers first, anything else last, alphabetically.
 */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    const rank = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
    return { major: Number(m[1]), rank, minor: Number(m[3] ?? 0) };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a.localeCompare(b);
  if (pa.rank !== pb.rank) return pb.rank - pa.rank;
  if (pa.major !== pb.major) return pb.major - pa.major;
  return pb.minor - pa.minor;
}

/** The kinds of the established CRDs, at their preferred served version. */
export function crdResources(crds: readonly unknown[]): ApiResource[] {
  const out: ApiResource[] = [];
  for (const c of crds as Crd[]) {
    const s = c.spec;
    const established = c.status?.conditions?.some((x) => x.type === 'Established' && x.status === 'True');
    if (!s?.group || !s.names?.plural || !s.names.kind || !established) continue;
    const served = (s.versions ?? [])
      .filter((v) => v.served && v.name)
      .map((v) => v.name as string)
      .sort(compareVersions);
    const version = served[0];
    if (!version) continue;
    out.push({
      group: s.group,
      version,
      resource: s.names.plural,
      kind: s.names.kind,
      namespaced: s.scope === 'Namespaced',
    });
  }
  return out;
}

/**
 * Discovery's kinds with the CRDs' current word on their own: a CRD deleted since discovery was read
 * is gone (`crdBacked` names what discovery served from CRDs), a new one is there at once.
 */
export function mergeResources(
  discovered: readonly ApiResource[],
  crdBacked: ReadonlySet<string>,
  crds: readonly ApiResource[] | undefined,
): ApiResource[] {
  const bySlug = new Map<string, ApiResource>();
  for (const r of discovered) if (!crds || !crdBacked.has(slugOf(r))) bySlug.set(slugOf(r), r);
  for (const r of crds ?? []) bySlug.set(slugOf(r), r);
  return [...bySlug.values()];
}

const builtIn = new Set(KINDS.map((k) => slugOf({ group: k.group, resource: k.slug })));

/** Whether Wheelhouse has its own list for this kind (the 19 of lib/resources/lists/kinds.ts). */
export function isBuiltIn(r: { group: string; resource: string }): boolean {
  return builtIn.has(slugOf(r));
}

/** The kind's URL segment: Wheelhouse's own kinds by their plural alone, the others by slugOf. */
export function pageSlug(r: { group: string; resource: string }): string {
  return isBuiltIn(r) ? r.resource : slugOf(r);
}

/** "Certificate" → "Certificates", "NetworkPolicy" → "NetworkPolicies": headings, not identifiers. */
export function pluralLabel(kind: string): string {
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(kind)) return `${kind}es`;
  return `${kind}s`;
}

/** A discovered kind as the watch cache and the pages know kinds; rows come from the API server's Table. */
export function kindDefOf(r: ApiResource): KindDef {
  return {
    slug: slugOf(r),
    label: pluralLabel(r.kind),
    kind: r.kind,
    group: r.group,
    version: r.version,
    namespaced: r.namespaced,
    category: 'Cluster',
    columns: [],
    resource: r.resource,
    table: true,
    toRow: (obj) => rowOf(obj, { cells: {} }),
  };
}

/** What the navigation shows: the kinds beyond Wheelhouse's own, grouped by API group. */
export interface ApiKindsNav {
  groups: { group: string; kinds: { slug: string; label: string; namespaced: boolean }[] }[];
}

export function navOf(resources: readonly ApiResource[]): ApiKindsNav {
  const groups = new Map<string, ApiKindsNav['groups'][number]['kinds']>();
  for (const r of resources) {
    if (isBuiltIn(r)) continue;
    const list = groups.get(r.group) ?? [];
    list.push({ slug: slugOf(r), label: pluralLabel(r.kind), namespaced: r.namespaced });
    groups.set(r.group, list);
  }
  return {
    groups: [...groups.entries()]
      .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
      .map(([group, kinds]) => ({ group, kinds: kinds.sort((a, b) => a.label.localeCompare(b.label)) })),
  };
}
