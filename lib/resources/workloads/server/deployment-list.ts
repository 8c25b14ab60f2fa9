import 'server-only';
import { AppsV1Api, type V1Deployment } from '@kubernetes/client-node';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { toIso } from '../../objects/iso';

/** One Deployment as the JSON list API gives it to scripts: counts as `kubectl get deployments` shows them. */
export interface DeploymentListItem {
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
}

function item(d: V1Deployment): DeploymentListItem {
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
  };
}

/**
 * GET /api/c/<context>/<namespace>/deployments: an on-demand read for scripts (and the deployment
 * checks of the image and replica tests), with the caller's own credentials; pages read the watch
 * cache instead.
 */
export async function listDeployments(
  context: string,
  namespace: string | undefined,
): Promise<DeploymentListItem[]> {
  const apps = apiClient(context, AppsV1Api);
  try {
    const list = namespace
      ? await apps.listNamespacedDeployment({ namespace })
      : await apps.listDeploymentForAllNamespaces();
    return list.items
      .map(item)
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  } catch (e) {
    throw toAppError(e, { context, verb: 'list', resource: 'deployments', namespace });
  }
}
