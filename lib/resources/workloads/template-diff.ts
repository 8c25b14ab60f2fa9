import type { V1Container, V1EnvVar, V1PodTemplateSpec, V1Volume } from '@kubernetes/client-node';

/**
 * A readable, per-field diff of two pod templates: "image nginx:1.27 → nginx:1.28", "env LOG_LEVEL
 * added", "limits.memory 128Mi → 256Mi", grouped by container, volumes, labels and the rest of the pod
 * spec. Pure, so the confirmation dialog shows exactly what the server will send.
 */

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  /** Field name within its section, e.g. "image", "env LOG_LEVEL", "resources.limits.memory". */
  field: string;
  kind: ChangeKind;
  before?: string;
  after?: string;
}

export interface DiffSection {
  title: string;
  changes: FieldChange[];
}

export interface TemplateDiff {
  equal: boolean;
  changeCount: number;
  sections: DiffSection[];
}

/** Added by the Deployment controller to every ReplicaSet template; never part of what a user changed. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type FlatMap = Map<string, string>;

/**
 * JSON round trip plus dropping null, empty arrays and empty objects: the API server treats those
 * as absent (Kubernetes' semantic equality does the same), and client-node hands out Dates.
 */
export function normalize(value: unknown): Json | undefined {
  const v: unknown = JSON.parse(JSON.stringify(value ?? null));
  return prune(v);
}

function prune(v: unknown): Json | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const items = v.map(prune).filter((x): x is Json => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v as object).sort()) {
      const p = prune((v as Record<string, unknown>)[k]);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v as Json;
}

export function stableJson(value: unknown): string {
  return JSON.stringify(normalize(value) ?? null);
}

/** A copy of the template without the controller's hash label, as kubectl compares and restores it. */
export function withoutHash(t: V1PodTemplateSpec): V1PodTemplateSpec {
  const copy = JSON.parse(JSON.stringify(t ?? {})) as V1PodTemplateSpec;
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
  }
  return copy;
}

export function templatesEqual(a: V1PodTemplateSpec, b: V1PodTemplateSpec): boolean {
  return stableJson(withoutHash(a)) === stableJson(withoutHash(b));
}

function render(v: Json | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Flattens to dotted paths; lists of named objects are keyed by name so reordering is not a change. */
function flatten(value: Json | undefined, prefix: string, out: FlatMap): FlatMap {
  if (value === undefined) return out;
  if (Array.isArray(value)) {
    const named = value.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x) && 'name' in x);
    if (named && value.length > 0) {
      for (const item of value) {
        const obj = item as { [k: string]: Json };
        const { name, ...rest } = obj;
        flatten(Object.keys(rest).length ? rest : '(present)', `${prefix}[${render(name)}]`, out);
      }
    } else if (value.every((x) => typeof x !== 'object' || x === null)) {
      out.set(prefix, render(value));
    } else {
      // Unnamed objects (tolerations, topology constraints): each item is a value of the set.
      for (const item of value) out.set(`${prefix} ${render(item)}`, '(present)');
    }
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  out.set(prefix, render(value));
  return out;
}

function diffMaps(before: FlatMap, after: FlatMap): FieldChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const b = before.get(field);
    const a = after.get(field);
    if (b === a) continue;
    if (b === undefined) changes.push({ field, kind: 'added', after: a });
    else if (a === undefined) changes.push({ field, kind: 'removed', before: b });
    else changes.push({ field, kind: 'changed', before: b, after: a });
  }
  return changes.map((c) => (c.before === '(present)' || c.after === '(present)' ? presentOnly(c) : c));
}

function presentOnly(c: FieldChange): FieldChange {
  const out: FieldChange = { field: c.field, kind: c.kind };
  if (c.before && c.before !== '(present)') out.before = c.before;
  if (c.after && c.after !== '(present)') out.after = c.after;
  return out;
}

function envValue(e: V1EnvVar): string {
  if (e.value !== undefined) return e.value;
  const from = e.valueFrom;
  if (from?.secretKeyRef) return `from Secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from?.configMapKeyRef)
    return `from ConfigMap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from?.fieldRef) return `from field ${from.fieldRef.fieldPath}`;
  if (from?.resourceFieldRef) return `from resource ${from.resourceFieldRef.resource}`;
  return from ? render(normalize(from)) : '';
}

function flattenContainer(c: V1Container): FlatMap {
  const out: FlatMap = new Map();
  const { name: _name, env, ports, volumeMounts, ...rest } = c;
  for (const e of env ?? []) out.set(`env ${e.name}`, envValue(e));
  for (const p of ports ?? []) {
    const host = p.hostPort ? ` (host ${p.hostPort})` : '';
    out.set(`port ${p.name ?? p.containerPort}`, `${p.containerPort}/${p.protocol ?? 'TCP'}${host}`);
  }
  // One volume can be mounted at several paths, so mounts are keyed by path, not by volume name.
  for (const m of volumeMounts ?? []) {
    const sub = m.subPath ? ` (subPath ${m.subPath})` : '';
    out.set(`mount ${m.mountPath}`, `${m.name}${sub}${m.readOnly ? ', read-only' : ''}`);
  }
  // command and args stay one line each: per-index fields would be unreadable.
  flatten(normalize(rest), '', out);
  return out;
}

function volumeSource(v: V1Volume): string {
  const { name: _name, ...rest } = v;
  // Not normalize(): an `emptyDir: {}` source is empty but is the whole point.
  const raw = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  const type = Object.keys(raw).find((k) => raw[k] !== null);
  if (!type) return '';
  const src = normalize(raw[type]);
  if (!src || typeof src !== 'object' || Array.isArray(src)) return type;
  const refKeys = ['name', 'secretName', 'claimName', 'path'];
  const ref = refKeys.map((k) => src[k]).find((x) => x !== undefined);
  const others = Object.fromEntries(Object.entries(src).filter(([k]) => !refKeys.includes(k)));
  const extra = Object.keys(others).length ? ` ${JSON.stringify(others)}` : '';
  return `${type}${ref !== undefined ? ` ${render(ref)}` : ''}${extra}`;
}

function containerSections(
  label: string,
  before: V1Container[] | undefined,
  after: V1Container[] | undefined,
): DiffSection[] {
  const b = new Map((before ?? []).map((c) => [c.name, c]));
  const a = new Map((after ?? []).map((c) => [c.name, c]));
  const names = [...new Set([...b.keys(), ...a.keys()])];
  const sections: DiffSection[] = [];
  for (const name of names) {
    const cb = b.get(name);
    const ca = a.get(name);
    const title = `${label} "${name}"`;
    if (!cb && ca) {
      sections.push({ title, changes: [{ field: 'container', kind: 'added', after: ca.image ?? '' }] });
    } else if (cb && !ca) {
      sections.push({ title, changes: [{ field: 'container', kind: 'removed', before: cb.image ?? '' }] });
    } else if (cb && ca) {
      const changes = diffMaps(flattenContainer(cb), flattenContainer(ca));
      if (changes.length) sections.push({ title, changes });
    }
  }
  return sections;
}

function mapSection(
  title: string,
  before: Record<string, string> | undefined,
  after: Record<string, string> | undefined,
): DiffSection[] {
  const changes = diffMaps(new Map(Object.entries(before ?? {})), new Map(Object.entries(after ?? {})));
  return changes.length ? [{ title, changes }] : [];
}

/**
 * What changes when the workload goes from `before` (usually the current template) to `after`.
 * The pod-template-hash label is ignored: it differs between every ReplicaSet by construction.
 */
export function diffTemplates(before: V1PodTemplateSpec, after: V1PodTemplateSpec): TemplateDiff {
  const b = withoutHash(before);
  const a = withoutHash(after);
  const bs = b.spec;
  const as = a.spec;
  const sections: DiffSection[] = [
    ...containerSections('Init container', bs?.initContainers, as?.initContainers),
    ...containerSections('Container', bs?.containers, as?.containers),
  ];
  const volumes = diffMaps(
    new Map((bs?.volumes ?? []).map((v) => [v.name, volumeSource(v)])),
    new Map((as?.volumes ?? []).map((v) => [v.name, volumeSource(v)])),
  ).map((c) => ({ ...c, field: `volume ${c.field}` }));
  if (volumes.length) sections.push({ title: 'Volumes', changes: volumes });
  sections.push(...mapSection('Pod labels', b.metadata?.labels, a.metadata?.labels));
  sections.push(...mapSection('Pod annotations', b.metadata?.annotations, a.metadata?.annotations));
  const rest = (s: typeof bs) => {
    if (!s) return undefined;
    const { containers: _c, initContainers: _i, volumes: _v, ...others } = s;
    return normalize(others);
  };
  const podChanges = diffMaps(flatten(rest(bs), '', new Map()), flatten(rest(as), '', new Map()));
  if (podChanges.length) sections.push({ title: 'Pod spec', changes: podChanges });
  const meta = (m: typeof b.metadata) => {
    if (!m) return undefined;
    const { labels: _l, annotations: _a, creationTimestamp: _t, ...others } = m;
    return normalize(others);
  };
  const metaChanges = diffMaps(
    flatten(meta(b.metadata), '', new Map()),
    flatten(meta(a.metadata), '', new Map()),
  );
  if (metaChanges.length) sections.push({ title: 'Template metadata', changes: metaChanges });
  const changeCount = sections.reduce((n, s) => n + s.changes.length, 0);
  return { equal: changeCount === 0, changeCount, sections };
}
