import 'server-only';
import { dumpYaml } from '@kubernetes/client-node';
import { kubeConfig } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { getJson, listRows } from '../../../kube/upstream';
import { httpStatus } from '../../../live/reducer';
import {
  apiVersion,
  collectionPath,
  type KindDef,
  type KubeObject,
  kindBySlug,
  type Row,
  resourceOf,
  sanitize,
} from '../../lists/kinds';
import { type Termination, terminationOf } from '../../manage/holds';

export interface ObjectDetail {
  object: KubeObject;
  /** Computed before sanitizing, so a Secret's key sizes are known; holds no values itself. */
  row: Row;
  yaml: string;
  events: Row[];
  /** Set when the events could not be listed (the object itself could). */
  eventsError?: string;
  /** Set while it is Terminating: since when and what holds it (read before managedFields go). */
  termination?: Termination;
}

/**
 * One object with the context's own credentials, sanitized (no managedFields; no Secret values, not
 * even in last-applied-configuration), as YAML, with the events that name it.
 */
export async function getObjectDetail(
  context: string,
  kind: KindDef,
  namespace: string | undefined,
  name: string,
): Promise<ObjectDetail> {
  const kc = kubeConfig(context);
  const ns = kind.namespaced ? namespace : undefined;
  const server = kc.getCurrentCluster()?.server ?? '';
  let raw: KubeObject;
  try {
    raw = (await getJson(
      kc,
      `${server}${collectionPath(kind, ns)}/${encodeURIComponent(name)}`,
      AbortSignal.timeout(15_000),
    )) as KubeObject;
  } catch (e) {
    const status = httpStatus(e);
    throw toAppError(status ? { code: status } : e, {
      context,
      verb: 'get',
      resource: resourceOf(kind),
      namespace: ns,
      name,
    });
  }
  // A GET returns kind and apiVersion; set them anyway so sanitize() recognises a Secret.
  const object = sanitize({ ...raw, kind: kind.kind, apiVersion: apiVersion(kind) });
  const detail: ObjectDetail = { object, row: kind.toRow(raw), yaml: dumpYaml(object), events: [] };
  const termination = terminationOf({ ...raw, kind: kind.kind });
  if (termination) detail.termination = termination;
  const eventsKind = kindBySlug('events');
  if (!eventsKind) return detail;
  try {
    const selector = [`involvedObject.name=${name}`, `involvedObject.kind=${kind.kind}`];
    if (ns) selector.push(`involvedObject.namespace=${ns}`);
    const { rows } = await listRows(kc, eventsKind, ns, 500, AbortSignal.timeout(15_000), selector.join(','));
    detail.events = rows.sort((a, b) =>
      String(b.cells.lastSeen ?? '').localeCompare(String(a.cells.lastSeen ?? '')),
    );
  } catch (e) {
    const status = httpStatus(e);
    detail.eventsError = toAppError(status ? { code: status } : e, {
      context,
      verb: 'list',
      resource: 'events',
      namespace: ns,
    }).message;
  }
  return detail;
}
