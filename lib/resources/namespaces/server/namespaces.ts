import 'server-only';
import { CoreV1Api } from '@kubernetes/client-node';
import { AppError, isAppError } from '../../../errors';
import { apiClient, type Principal } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { currentRows, type ErrorInfo, requestPrincipal } from '../../../live/watch-cache';

export interface NamespaceList {
  names: string[];
  /** Set when the user may not list namespaces: the selector then accepts a typed name. */
  error?: string;
}

/** The namespace picker's names, from the shared watch cache: a page load does not LIST them. */
export async function listNamespaces(context: string): Promise<NamespaceList> {
  try {
    const rows = await currentRows(context, 'namespaces', undefined, 5000, await requestPrincipal());
    if (!rows) throw new AppError(504, 'The cluster did not list its namespaces in time.', 'timeout');
    return { names: rows.map((r) => r.name).sort() };
  } catch (e) {
    if (isAppError(e)) throw e;
    const info = e as ErrorInfo;
    if (info.status === 403) return { names: [], error: info.message };
    throw new AppError(info.status ?? 500, info.message ?? 'Namespaces could not be listed.', info.code);
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
