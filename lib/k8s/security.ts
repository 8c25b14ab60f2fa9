import 'server-only';
import { CoreV1Api, type V1Service } from '@kubernetes/client-node';
import { AppError } from '../errors';
import { apiClient } from './client';
import { toAppError } from './errors';
import { type ExposureWarning, namespaceWarnings, podWarnings } from './exposure';
import { scanPodSpecs } from './pod-specs';
import { claimNamesOf } from './pvc-view';

export interface NamespaceExposure {
  warnings: ExposureWarning[];
  gaps: string[];
}

/** Every exposure warning of one namespace, for an overview's security panel. */
export async function namespaceExposure(context: string, namespace: string): Promise<NamespaceExposure> {
  let services: V1Service[] = [];
  const gaps: string[] = [];
  const [scan] = await Promise.all([
    scanPodSpecs(context, namespace),
    apiClient(context, CoreV1Api)
      .listNamespacedService({ namespace })
      .then((l) => {
        services = l.items;
      })
      .catch((e: unknown) => {
        const err = toAppError(e, { context, verb: 'list', resource: 'services', namespace });
        if (err.status !== 403) throw err;
        gaps.push(err.message);
      }),
  ]);
  if (gaps.length > 0 && scan.gaps.some((g) => g.includes('list pods'))) {
    // Neither Services nor pods readable: "no warnings" would be a claim we cannot back.
    throw new AppError(
      403,
      `You may not list services or pods in namespace "${namespace}", so its exposure cannot be checked.`,
      'forbidden',
    );
  }
  const workloads = scan.holders.filter((h) => h.kind !== 'Pod');
  return {
    warnings: namespaceWarnings({ services, pods: scan.pods, workloads }),
    gaps: [...gaps, ...scan.gaps],
  };
}

export interface PodExposure {
  warnings: ExposureWarning[];
  claimNames: string[];
}

/** Exposure warnings and claims of one pod, for the pod page's security panel. */
export async function podExposure(context: string, namespace: string, name: string): Promise<PodExposure> {
  try {
    const pod = await apiClient(context, CoreV1Api).readNamespacedPod({ name, namespace });
    return { warnings: podWarnings(pod), claimNames: claimNamesOf(pod) };
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: 'Pod', namespace, name });
  }
}
