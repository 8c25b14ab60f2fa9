import type { V1ObjectMeta, V1PodSpec } from '@kubernetes/client-node';

/**
 * "Used by": which pod specs reference a Secret, ConfigMap or PersistentVolumeClaim, and how.
 * PURE, so it runs in unit tests and on any list of workloads or pods.
 */

export type Referenced = 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim';

export type Via = 'env' | 'envFrom' | 'volume' | 'projected volume' | 'imagePullSecrets';

const VIA_ORDER: Via[] = ['env', 'envFrom', 'volume', 'projected volume', 'imagePullSecrets'];

export interface UsedBy {
  kind: string;
  namespace: string;
  name: string;
  via: Via[];
  /** Container names that read it through env or envFrom. */
  containers: string[];
}

export interface PodSpecHolder {
  kind: string;
  metadata?: V1ObjectMeta;
  spec?: V1PodSpec;
}

/** How one pod spec references the named object; empty when it does not. */
export function referencesIn(
  spec: V1PodSpec,
  kind: Referenced,
  name: string,
): { via: Via[]; containers: string[] } {
  const via = new Set<Via>();
  const containers = new Set<string>();
  const all = [...(spec.initContainers ?? []), ...spec.containers, ...(spec.ephemeralContainers ?? [])];
  if (kind !== 'PersistentVolumeClaim') {
    for (const c of all) {
      for (const e of c.env ?? []) {
        const ref = kind === 'Secret' ? e.valueFrom?.secretKeyRef : e.valueFrom?.configMapKeyRef;
        if (ref?.name === name) {
          via.add('env');
          containers.add(c.name);
        }
      }
      for (const e of c.envFrom ?? []) {
        const ref = kind === 'Secret' ? e.secretRef : e.configMapRef;
        if (ref?.name === name) {
          via.add('envFrom');
          containers.add(c.name);
        }
      }
    }
  }
  for (const v of spec.volumes ?? []) {
    if (kind === 'Secret' && v.secret?.secretName === name) via.add('volume');
    if (kind === 'ConfigMap' && v.configMap?.name === name) via.add('volume');
    if (kind === 'PersistentVolumeClaim' && v.persistentVolumeClaim?.claimName === name) via.add('volume');
    for (const s of v.projected?.sources ?? []) {
      if (kind === 'Secret' && s.secret?.name === name) via.add('projected volume');
      if (kind === 'ConfigMap' && s.configMap?.name === name) via.add('projected volume');
    }
  }
  if (kind === 'Secret' && (spec.imagePullSecrets ?? []).some((s) => s.name === name))
    via.add('imagePullSecrets');
  return { via: VIA_ORDER.filter((v) => via.has(v)), containers: [...containers].sort() };
}

/**
 * Every holder that references the object. By default pods owned by a controller are skipped (their
 * workload's template is among the holders), so a Deployment with 30 replicas is one row, not 31.
 */
export function usedBy(
  holders: PodSpecHolder[],
  kind: Referenced,
  name: string,
  namespace: string,
  { ownedPods = false } = {},
): UsedBy[] {
  const out: UsedBy[] = [];
  for (const h of holders) {
    if (!h.spec || h.metadata?.namespace !== namespace) continue;
    if (!ownedPods && h.kind === 'Pod' && (h.metadata.ownerReferences ?? []).some((o) => o.controller))
      continue;
    const r = referencesIn(h.spec, kind, name);
    if (r.via.length) out.push({ kind: h.kind, namespace, name: h.metadata.name ?? '', ...r });
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
