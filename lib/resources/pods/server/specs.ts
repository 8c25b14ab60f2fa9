import 'server-only';
import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  type V1CronJob,
  type V1DaemonSet,
  type V1Deployment,
  type V1Job,
  type V1Pod,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import { isAppError } from '../../../errors';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import type { PodSpecHolder } from '../../objects/usage';

export interface PodSpecScan {
  /** Workload templates and pods, for "used by" and exposure checks. */
  holders: PodSpecHolder[];
  pods: V1Pod[];
  /** One sentence per list the user may not read: the answer is then incomplete and says so. */
  gaps: string[];
}

/**
 * Lists every pod-template holder of a namespace in parallel. A forbidden list becomes a gap, not a
 * failure, so a user allowed to read pods but not CronJobs still gets an answer.
 */
export async function scanPodSpecs(context: string, namespace: string): Promise<PodSpecScan> {
  const core = apiClient(context, CoreV1Api);
  const apps = apiClient(context, AppsV1Api);
  const batch = apiClient(context, BatchV1Api);
  const gaps: string[] = [];
  async function attempt<T>(resource: string, f: () => Promise<{ items: T[] }>): Promise<T[]> {
    try {
      return (await f()).items;
    } catch (e) {
      const err = toAppError(e, { context, verb: 'list', resource, namespace });
      if (isAppError(err) && err.status === 403) {
        gaps.push(err.message);
        return [];
      }
      throw err;
    }
  }
  const [pods, deployments, statefulSets, daemonSets, jobs, cronJobs] = await Promise.all([
    attempt('pods', () => core.listNamespacedPod({ namespace })),
    attempt('deployments', () => apps.listNamespacedDeployment({ namespace })),
    attempt('statefulsets', () => apps.listNamespacedStatefulSet({ namespace })),
    attempt('daemonsets', () => apps.listNamespacedDaemonSet({ namespace })),
    attempt('jobs', () => batch.listNamespacedJob({ namespace })),
    attempt('cronjobs', () => batch.listNamespacedCronJob({ namespace })),
  ]);
  return { holders: holdersOf({ pods, deployments, statefulSets, daemonSets, jobs, cronJobs }), pods, gaps };
}

/** Every pod-template holder among these lists. PURE: the live views feed it from the cache. */
export function holdersOf(l: {
  pods: V1Pod[];
  deployments: V1Deployment[];
  statefulSets: V1StatefulSet[];
  daemonSets: V1DaemonSet[];
  jobs: V1Job[];
  cronJobs: V1CronJob[];
}): PodSpecHolder[] {
  const { pods, deployments, statefulSets, daemonSets, jobs, cronJobs } = l;
  return [
    ...deployments.map((d) => ({ kind: 'Deployment', metadata: d.metadata, spec: d.spec?.template.spec })),
    ...statefulSets.map((d) => ({ kind: 'StatefulSet', metadata: d.metadata, spec: d.spec?.template.spec })),
    ...daemonSets.map((d) => ({ kind: 'DaemonSet', metadata: d.metadata, spec: d.spec?.template.spec })),
    // Jobs made by a CronJob are covered by the CronJob's template.
    ...jobs
      .filter((j) => !(j.metadata?.ownerReferences ?? []).some((o) => o.controller))
      .map((j) => ({ kind: 'Job', metadata: j.metadata, spec: j.spec?.template.spec })),
    ...cronJobs.map((c) => ({
      kind: 'CronJob',
      metadata: c.metadata,
      spec: c.spec?.jobTemplate.spec?.template.spec,
    })),
    ...pods.map((p) => ({ kind: 'Pod', metadata: p.metadata, spec: p.spec })),
  ];
}
