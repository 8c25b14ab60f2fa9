import 'server-only';
import { AppsV1Api, CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { type ConfigObject, configRefs, type DriftReport, driftReport } from '../drift';

/**
 * Reads what config drift needs with the user's credentials: the pods, and each ConfigMap and
 * Secret they reference, once. Only names and times leave this module (Secret values never do).
 */

export type { DriftReport };

async function readConfigs(
  context: string,
  namespace: string,
  pods: V1Pod[],
  gaps: string[],
): Promise<ConfigObject[]> {
  const core = apiClient(context, CoreV1Api);
  const wanted = new Map<string, { kind: 'ConfigMap' | 'Secret'; name: string }>();
  for (const p of pods)
    for (const r of p.spec ? configRefs(p.spec) : []) wanted.set(`${r.kind}/${r.name}`, r);
  const out = await Promise.all(
    [...wanted.values()].map(async (r): Promise<ConfigObject | undefined> => {
      try {
        if (r.kind === 'ConfigMap') {
          const cm = await core.readNamespacedConfigMap({ namespace, name: r.name });
          return { kind: 'ConfigMap', metadata: cm.metadata, immutable: cm.immutable };
        }
        const s = await core.readNamespacedSecret({ namespace, name: r.name });
        return { kind: 'Secret', metadata: s.metadata, immutable: s.immutable };
      } catch (e) {
        const err = toAppError(e, {
          context,
          verb: 'get',
          resource: r.kind === 'Secret' ? 'secrets' : 'configmaps',
          namespace,
          name: r.name,
        });
        // A missing object is not drift (the pod would not have started, or it is optional).
        if (err.status !== 404) gaps.push(`${r.kind} "${r.name}" could not be checked: ${err.message}`);
        return undefined;
      }
    }),
  );
  return out.filter((o): o is ConfigObject => o !== undefined);
}

export async function podDriftReport(context: string, namespace: string, name: string): Promise<DriftReport> {
  const pod = await apiClient(context, CoreV1Api).readNamespacedPod({ namespace, name });
  const gaps: string[] = [];
  return driftReport([pod], await readConfigs(context, namespace, [pod], gaps), gaps);
}

export async function workloadDriftReport(
  context: string,
  namespace: string,
  kind: 'deployments' | 'statefulsets' | 'daemonsets',
  name: string,
): Promise<DriftReport> {
  const apps = apiClient(context, AppsV1Api);
  const obj =
    kind === 'deployments'
      ? await apps.readNamespacedDeployment({ namespace, name })
      : kind === 'statefulsets'
        ? await apps.readNamespacedStatefulSet({ namespace, name })
        : await apps.readNamespacedDaemonSet({ namespace, name });
  const labels = obj.spec?.selector.matchLabels ?? {};
  const labelSelector = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = labelSelector
    ? (await apiClient(context, CoreV1Api).listNamespacedPod({ namespace, labelSelector })).items
    : [];
  const gaps: string[] = [];
  const r = driftReport(pods, await readConfigs(context, namespace, pods, gaps), gaps);
  return { ...r, generation: obj.metadata?.generation };
}
