import 'server-only';
import { AppsV1Api, type V1Deployment } from '@kubernetes/client-node';
import { apiClient } from './client';
import { toAppError } from './errors';
import { type DeploymentRow, toDeploymentRow } from './views';

export async function listDeployments(
  context: string,
  namespace: string | undefined,
): Promise<DeploymentRow[]> {
  const apps = apiClient(context, AppsV1Api);
  try {
    const list = namespace
      ? await apps.listNamespacedDeployment({ namespace })
      : await apps.listDeploymentForAllNamespaces();
    return list.items.map((d: V1Deployment) => toDeploymentRow(d)).sort(byNamespaceThenName);
  } catch (e) {
    throw toAppError(e, { context, verb: 'list', resource: 'deployments', namespace });
  }
}

function byNamespaceThenName(a: DeploymentRow, b: DeploymentRow): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}
