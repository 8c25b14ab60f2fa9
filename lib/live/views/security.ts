import type {
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Pod,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { AppError } from '../../errors';
import { holdersOf } from '../../resources/pods/server/specs';
import { namespaceWarnings } from '../../resources/security/exposure';
import type { NamespaceExposure } from '../../resources/security/server/security';
import type { ViewDef, ViewInputs } from '../view-cache';

/** Every exposure warning of one namespace (Security page, overview summary), from the cache. */
export interface SecurityParams {
  namespace: string;
}

const HOLDERS = ['pods', 'deployments', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'] as const;

export const securityView: ViewDef<SecurityParams, NamespaceExposure> = {
  inputs: (p) => [...HOLDERS, 'services'].map((slug) => ({ slug, namespace: p.namespace })),
  compute: (inputs: ViewInputs, p): NamespaceExposure => {
    const gaps: string[] = [];
    // A list the user may not read is a gap, not a failure: the answer says it is incomplete.
    const list = <T>(slug: string): T[] => {
      const items = inputs.list<T>(slug, p.namespace);
      if (items) return items;
      const e = inputs.error(slug, p.namespace);
      if (e && e.status !== 403) throw new AppError(e.status, e.message, e.code);
      gaps.push(e?.message ?? `Could not list ${slug}.`);
      return [];
    };
    const services = list<V1Service>('services');
    const pods = list<V1Pod>('pods');
    if (!inputs.list('services', p.namespace) && !inputs.list('pods', p.namespace))
      // Neither Services nor pods readable: "no warnings" would be a claim we cannot back.
      throw new AppError(
        403,
        `You may not list services or pods in namespace "${p.namespace}", so its exposure cannot be checked.`,
        'forbidden',
      );
    const holders = holdersOf({
      pods,
      deployments: list<V1Deployment>('deployments'),
      statefulSets: list<V1StatefulSet>('statefulsets'),
      daemonSets: list<V1DaemonSet>('daemonsets'),
      jobs: list<V1Job>('jobs'),
      cronJobs: list<V1CronJob>('cronjobs'),
    });
    // The order of gaps follows the old scan: services first, then the pod-spec holders.
    return {
      warnings: namespaceWarnings({ services, pods, workloads: holders.filter((h) => h.kind !== 'Pod') }),
      gaps,
    };
  },
};
