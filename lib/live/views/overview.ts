import type {
  CoreV1Event,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Node,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { AppError } from '../../errors';
import { computeOverview, type OverviewData } from '../../resources/overview/overview';
import type { InputSpec, ViewDef, ViewInputs } from '../view-cache';

/** The Overview of one namespace (or all, `namespace` undefined), from the cached lists. */
export interface OverviewParams {
  namespace?: string;
}

const NAMESPACED = ['pods', 'replicasets', 'deployments', 'statefulsets', 'daemonsets', 'jobs', 'events'];

/** A list that cannot be read becomes a sentence on the page; the rest of the overview still shows. */
function optional<T>(inputs: ViewInputs, gaps: string[], slug: string, namespace?: string): T[] | undefined {
  const items = inputs.list<T>(slug, namespace);
  if (items) return items;
  gaps.push(inputs.error(slug, namespace)?.message ?? `Could not list ${slug}.`);
  return undefined;
}

export const overviewView: ViewDef<OverviewParams, OverviewData> = {
  inputs: (p): InputSpec[] => [
    ...NAMESPACED.map((slug) => ({ slug, namespace: p.namespace })),
    { slug: 'nodes' },
  ],
  compute: (inputs, p, now) => {
    const pods = inputs.list<V1Pod>('pods', p.namespace);
    if (!pods) {
      const e = inputs.error('pods', p.namespace);
      throw new AppError(e?.status ?? 500, e?.message ?? 'Could not list pods.', e?.code);
    }
    const gaps: string[] = [];
    const ns = p.namespace;
    return computeOverview(
      {
        pods,
        replicaSets: optional<V1ReplicaSet>(inputs, gaps, 'replicasets', ns),
        deployments: optional<V1Deployment>(inputs, gaps, 'deployments', ns),
        statefulSets: optional<V1StatefulSet>(inputs, gaps, 'statefulsets', ns),
        daemonSets: optional<V1DaemonSet>(inputs, gaps, 'daemonsets', ns),
        jobs: optional<V1Job>(inputs, gaps, 'jobs', ns),
        events: optional<CoreV1Event>(inputs, gaps, 'events', ns),
        nodes: optional<V1Node>(inputs, gaps, 'nodes'),
        gaps,
      },
      now,
    );
  },
};
