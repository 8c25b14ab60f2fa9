import 'server-only';
import { CoreV1Api } from '@kubernetes/client-node';
import { AppError } from '../errors';
import { apiClient, type Principal } from './client';
import { toAppError } from './errors';

export interface NamespaceList {
  names: string[];
  /** Set when the user may not list namespaces: the selector then accepts a typed name. */
  error?: string;
}

export async function listNamespaces(context: string): Promise<NamespaceList> {
  try {
    const list = await apiClient(context, CoreV1Api).listNamespace();
    return {
      names: list.items
        .map((n) => n.metadata?.name ?? '')
        .filter(Boolean)
        .sort(),
    };
  } catch (e) {
    const err = toAppError(e, { context, verb: 'list', resource: 'namespaces' });
    if (err.status === 403) return { names: [], error: err.message };
    throw err;
  }
}

/** 404s for a namespace that does not exist; a 403 is not proof of absence, so it passes. */
export async function assertNamespaceExists(
  context: string,
  namespace: string,
  principal?: Principal,
): Promise<void> {
  try {
    await apiClient(context, CoreV1Api, principal).readNamespace({ name: namespace });
  } catch (e) {
    const err = toAppError(e, { context, verb: 'get', resource: 'namespace', name: namespace });
    if (err.status === 404)
      throw new AppError(404, `Namespace "${namespace}" does not exist in this cluster.`, 'not_found');
    if (err.status === 403) return;
    throw err;
  }
}
