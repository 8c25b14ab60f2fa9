import type { V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { referencesIn } from '../objects/usage';

/**
 * Config drift: Kubernetes never restarts a pod when a ConfigMap or Secret it reads changes. Values
 * taken as environment variables (env, envFrom) or mounted with subPath stay as they were when the
 * container started; plain volume mounts are updated by the kubelet after a delay. PURE.
 */

export type ConfigKind = 'ConfigMap' | 'Secret';
export type DriftVia = 'env' | 'envFrom' | 'subPath' | 'volume';

export interface ConfigRef {
  kind: ConfigKind;
  name: string;
  via: DriftVia[];
  containers: string[];
}

interface Meta {
  creationTimestamp?: Date | string;
  managedFields?: { time?: Date | string; fieldsV1?: object }[];
}

export interface ConfigObject {
  kind: ConfigKind;
  metadata?: Meta & { name?: string };
  immutable?: boolean;
  /**
   * When its data last changed, worked out before managedFields were dropped: the watch cache keeps
   * objects redacted (lib/kube/redaction.ts), so it records this for the views (lib/live/cache-kinds.ts).
   */
  dataChangedAt?: string;
}

export interface Drift {
  kind: ConfigKind;
  name: string;
  /** When its data last changed (managedFields), ISO. */
  changedAt: string;
  /** The earliest start among the containers that read it, ISO. */
  startedAt: string;
  /** env, envFrom or subPath: the running containers keep the old value until they restart. */
  staleUntilRestart: DriftVia[];
  /** Plain volume: the kubelet updates the files after a delay; the app must re-read them. */
  updatedInPlace: boolean;
  containers: string[];
}

const iso = (t: Date | string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

/** Every ConfigMap and Secret a pod spec reads, and how. */
export function configRefs(spec: V1PodSpec): ConfigRef[] {
  const names = { ConfigMap: new Set<string>(), Secret: new Set<string>() };
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  for (const c of all) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) names.ConfigMap.add(e.valueFrom.configMapKeyRef.name);
      if (e.valueFrom?.secretKeyRef?.name) names.Secret.add(e.valueFrom.secretKeyRef.name);
    }
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef?.name) names.ConfigMap.add(e.configMapRef.name);
      if (e.secretRef?.name) names.Secret.add(e.secretRef.name);
    }
  }
  // Volume name → the objects it shows, for subPath mounts.
  const volumeObjects = new Map<string, { kind: ConfigKind; name: string }[]>();
  for (const v of spec.volumes ?? []) {
    const objs: { kind: ConfigKind; name: string }[] = [];
    if (v.configMap?.name) objs.push({ kind: 'ConfigMap', name: v.configMap.name });
    if (v.secret?.secretName) objs.push({ kind: 'Secret', name: v.secret.secretName });
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) objs.push({ kind: 'ConfigMap', name: s.configMap.name });
      if (s.secret?.name) objs.push({ kind: 'Secret', name: s.secret.name });
    }
    for (const o of objs) names[o.kind].add(o.name);
    volumeObjects.set(v.name, objs);
  }
  const out: ConfigRef[] = [];
  for (const kind of ['ConfigMap', 'Secret'] as const) {
    for (const name of [...names[kind]].sort()) {
      const r = referencesIn(spec, kind, name);
      const via = new Set<DriftVia>();
      const containers = new Set(r.containers);
      if (r.via.includes('env')) via.add('env');
      if (r.via.includes('envFrom')) via.add('envFrom');
      let plainMount = false;
      for (const c of all) {
        for (const m of c.volumeMounts ?? []) {
          if (!(volumeObjects.get(m.name) ?? []).some((o) => o.kind === kind && o.name === name)) continue;
          containers.add(c.name);
          if (m.subPath || m.subPathExpr) via.add('subPath');
          else plainMount = true;
        }
      }
      if (plainMount) via.add('volume');
      if (via.size) out.push({ kind, name, via: [...via], containers: [...containers].sort() });
    }
  }
  return out;
}

const DATA_FIELDS = ['f:data', 'f:binaryData', 'f:stringData'];

/** When the object's data last changed: the newest managedFields entry that owns data, else its creation. */
export function lastDataChange(obj: ConfigObject): string | undefined {
  if (obj.dataChangedAt) return obj.dataChangedAt;
  let newest: string | undefined;
  for (const m of obj.metadata?.managedFields ?? []) {
    const fields = (m.fieldsV1 ?? {}) as Record<string, unknown>;
    if (!DATA_FIELDS.some((f) => f in fields)) continue;
    const t = iso(m.time);
    if (t && (!newest || t > newest)) newest = t;
  }
  return newest ?? iso(obj.metadata?.creationTimestamp);
}

function startedAt(pod: V1Pod, containers: string[]): string | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const starts = statuses
    .filter((s) => containers.includes(s.name))
    .map((s) => iso(s.state?.running?.startedAt ?? s.state?.terminated?.startedAt))
    .filter((t): t is string => t !== undefined)
    .sort();
  return starts[0] ?? iso(pod.status?.startTime);
}

/** The references of a running pod whose object changed after its containers started. */
export function podDrift(pod: V1Pod, objects: ConfigObject[]): Drift[] {
  if (!pod.spec) return [];
  const out: Drift[] = [];
  for (const ref of configRefs(pod.spec)) {
    const obj = objects.find((o) => o.kind === ref.kind && o.metadata?.name === ref.name);
    if (!obj || obj.immutable) continue;
    const changedAt = lastDataChange(obj);
    const started = startedAt(pod, ref.containers);
    if (!changedAt || !started || changedAt <= started) continue;
    out.push({
      kind: ref.kind,
      name: ref.name,
      changedAt,
      startedAt: started,
      staleUntilRestart: ref.via.filter((v) => v !== 'volume'),
      updatedInPlace: ref.via.includes('volume'),
      containers: ref.containers,
    });
  }
  return out;
}

/** The sentence for one drift, as a page shows it. */
export function describeDrift(d: Drift): string {
  const what = `${d.kind} "${d.name}" changed at ${d.changedAt}, after the containers (${d.containers.join(', ')}) started at ${d.startedAt}`;
  const parts: string[] = [];
  if (d.staleUntilRestart.length)
    parts.push(
      `values read through ${d.staleUntilRestart.join(', ')} are the old ones until the pod restarts`,
    );
  if (d.updatedInPlace)
    parts.push(
      'the mounted files are updated by the kubelet within about a minute, if the app re-reads them',
    );
  return `${what}: ${parts.join('; ')}.`;
}

export interface DriftReport {
  /** One entry per changed object, with the pods that still run its old value. */
  items: (Drift & { pods: string[] })[];
  /** Objects that could not be read: the report is incomplete and says so. */
  gaps: string[];
  /** metadata.generation of the workload: a restart from the notice applies to the spec it described. */
  generation?: number;
}

/** The drift of running pods, one entry per changed object with the pods that keep its old value. */
export function driftReport(pods: V1Pod[], configs: ConfigObject[], gaps: string[]): DriftReport {
  const byObject = new Map<string, Drift & { pods: string[] }>();
  for (const p of pods) {
    if (p.metadata?.deletionTimestamp || p.status?.phase !== 'Running') continue;
    for (const d of podDrift(p, configs)) {
      const key = `${d.kind}/${d.name}`;
      const seen = byObject.get(key);
      if (seen) {
        seen.pods.push(p.metadata?.name ?? '');
        if (d.startedAt < seen.startedAt) seen.startedAt = d.startedAt;
      } else byObject.set(key, { ...d, pods: [p.metadata?.name ?? ''] });
    }
  }
  return { items: [...byObject.values()], gaps };
}
