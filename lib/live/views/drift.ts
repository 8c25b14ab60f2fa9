import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { AppError } from '../../errors';
import { type ConfigObject, configRefs, type DriftReport, driftReport } from '../../resources/drift/drift';
import { podsByWorkload } from '../../resources/workloads/model';
import type { ViewDef, ViewInputs } from '../view-cache';

/**
 * Config drift, live: which ConfigMaps and Secrets changed after the running pods of a workload (or
 * one pod) started, from the watch cache's pods, ConfigMaps and Secrets (names and times only; the
 * cache never holds Secret values). A restart or an edit shows as soon as the cluster says so.
 */
export const DRIFT_KINDS = ['pods', 'deployments', 'statefulsets', 'daemonsets'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftParams {
  kind: DriftKind;
  namespace: string;
  name: string;
}

const KIND_OF = {
  pods: 'Pod',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
};

interface Owned {
  metadata?: { uid?: string; generation?: number };
}

function configs(inputs: ViewInputs, namespace: string, pods: V1Pod[], gaps: string[]): ConfigObject[] {
  const wanted = { ConfigMap: false, Secret: false };
  for (const p of pods) for (const r of p.spec ? configRefs(p.spec) : []) wanted[r.kind] = true;
  const out: ConfigObject[] = [];
  for (const [kind, slug] of [
    ['ConfigMap', 'configmaps'],
    ['Secret', 'secrets'],
  ] as const) {
    if (!wanted[kind]) continue;
    const list = inputs.list<ConfigObject>(slug, namespace);
    if (!list) {
      gaps.push(`${kind}s could not be checked: ${inputs.error(slug, namespace)?.message ?? 'not listed'}`);
      continue;
    }
    for (const o of list) out.push({ ...o, kind });
  }
  return out;
}

export const driftView: ViewDef<DriftParams, DriftReport> = {
  inputs: (p) => [
    { slug: 'pods', namespace: p.namespace },
    { slug: 'configmaps', namespace: p.namespace },
    { slug: 'secrets', namespace: p.namespace },
    ...(p.kind === 'pods' ? [] : [{ slug: p.kind, namespace: p.namespace }]),
    ...(p.kind === 'deployments' ? [{ slug: 'replicasets', namespace: p.namespace }] : []),
  ],
  compute: (inputs, p): DriftReport => {
    const pods = inputs.list<V1Pod>('pods', p.namespace);
    if (!pods) {
      const e = inputs.error('pods', p.namespace);
      throw new AppError(e?.status ?? 500, e?.message ?? 'Could not list pods.', e?.code);
    }
    const key = `${p.namespace}/${p.name}`;
    const gaps: string[] = [];
    if (p.kind === 'pods') {
      const pod = pods.find((x) => x.metadata?.name === p.name);
      if (!pod)
        throw new AppError(404, `Pod "${p.name}" was not found in namespace "${p.namespace}".`, 'not_found');
      return driftReport([pod], configs(inputs, p.namespace, [pod], gaps), gaps);
    }
    const obj = inputs.get<Owned>(p.kind, p.namespace, key);
    if (!obj)
      throw new AppError(
        404,
        `${KIND_OF[p.kind]} "${p.name}" was not found in namespace "${p.namespace}".`,
        'not_found',
      );
    const rss = p.kind === 'deployments' ? (inputs.list<V1ReplicaSet>('replicasets', p.namespace) ?? []) : [];
    const mine = podsByWorkload(pods, rss).get(obj.metadata?.uid ?? '') ?? [];
    return {
      ...driftReport(mine, configs(inputs, p.namespace, mine, gaps), gaps),
      generation: obj.metadata?.generation,
    };
  },
};
