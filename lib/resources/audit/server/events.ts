import 'server-only';
import { CoreV1Api } from '@kubernetes/client-node';
import { authMode } from '../../../env';
import { isAppError } from '../../../errors';
import { canI } from '../../../kube/access';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import {
  type AuditEntry,
  type AuditRow,
  auditRecordSchema,
  inScope,
  mergeAudit,
  parseAuditAnnotation,
} from '../view';
import { AUDIT_ANNOTATION, AUDIT_LABEL, readAudit } from './record';

export interface AuditHistory {
  rows: AuditRow[];
  /** Why Events (the shared history) could not be read, if they could not. */
  eventsError?: string;
  /** Why this replica's file was not shown, if it was not. */
  fileError?: string;
}

/** Audit Events in scope, read with the person's own credentials so the cluster decides what they see. */
async function auditEvents(context: string, namespace: string | undefined) {
  const core = apiClient(context, CoreV1Api);
  const labelSelector = `${AUDIT_LABEL}=true`;
  try {
    const list = namespace
      ? await core.listNamespacedEvent({ namespace, labelSelector, limit: 500 })
      : await core.listEventForAllNamespaces({ labelSelector, limit: 500 });
    return list.items.flatMap((e) => {
      const record = parseAuditAnnotation(e.metadata?.annotations?.[AUDIT_ANNOTATION]);
      return record ? [{ record: { ...record, context }, eventName: e.metadata?.name ?? '' }] : [];
    });
  } catch (e) {
    throw toAppError(e, { context, verb: 'list', resource: 'events', namespace });
  }
}

export async function auditHistory(context: string, namespace: string | undefined): Promise<AuditHistory> {
  let events: { record: AuditEntry; eventName: string }[] = [];
  let eventsError: string | undefined;
  try {
    events = await auditEvents(context, namespace);
  } catch (e) {
    eventsError = isAppError(e) ? e.message : 'Audit Events could not be read.';
  }
  let file: AuditEntry[] = [];
  let fileError: string | undefined;
  // In token mode the file holds everyone's actions; show it to those the cluster lets read Events here.
  const mayReadFile =
    authMode() === 'local' ||
    (await canI(context, { verb: 'list', resource: 'events', namespace }).then(
      (a) => a.allowed,
      () => false,
    ));
  if (mayReadFile) {
    file = readAudit().flatMap((r) => {
      const p = auditRecordSchema.safeParse(r);
      return p.success && inScope(p.data, context, namespace) ? [p.data] : [];
    });
  } else {
    fileError = 'You may not list events here, so this replica’s audit file is not shown.';
  }
  return { rows: mergeAudit(file, events), eventsError, fileError };
}
