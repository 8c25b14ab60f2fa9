import type { V1Deployment } from '@kubernetes/client-node';

/**
 * Small view models: what the browser gets instead of raw API objects. Pure functions, so they run
 * in unit tests, on the server and in the watch cache alike.
 */

export interface DeploymentRow {
  uid: string;
  namespace: string;
  name: string;
  desired: number;
  ready: number;
  upToDate: number;
  available: number;
  createdAt: string | null;
  images: string[];
  paused: boolean;
  resourceVersion: string;
}

export function toDeploymentRow(d: V1Deployment): DeploymentRow {
  const containers = d.spec?.template?.spec?.containers ?? [];
  return {
    uid: d.metadata?.uid ?? '',
    namespace: d.metadata?.namespace ?? '',
    name: d.metadata?.name ?? '',
    // spec.replicas defaults to 1 on the server; an object from a list always carries it.
    desired: d.spec?.replicas ?? 1,
    ready: d.status?.readyReplicas ?? 0,
    upToDate: d.status?.updatedReplicas ?? 0,
    available: d.status?.availableReplicas ?? 0,
    createdAt: toIso(d.metadata?.creationTimestamp),
    images: [...new Set(containers.map((c) => c.image ?? '').filter(Boolean))],
    paused: d.spec?.paused === true,
    resourceVersion: d.metadata?.resourceVersion ?? '',
  };
}

/** client-node deserialises timestamps to Date; watch events and JSON give strings. */
export function toIso(t: Date | string | undefined | null): string | null {
  if (!t) return null;
  const d = t instanceof Date ? t : new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
