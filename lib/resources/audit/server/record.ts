import 'server-only';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { dashboardApiClient } from '../../../kube/client';

/**
 * One record per mutation or Secret reveal. Written as a JSON line to a file that survives restarts,
 * to stdout for the cluster's log collection, and (when the object is named) as a Kubernetes Event
 * on it, so several replicas share one history. File and stdout writes are synchronous appends so a
 * record exists before the response that reports the change goes out. The Event is written with the
 * dashboard's own identity because the people acting usually may not create Events, and so only for
 * actions the cluster carried out: a refused attempt is in the file and stdout, never an Event, or
 * anyone with no rights at all could make the dashboard write Events into any namespace.
 */
export interface AuditRecord {
  time: string;
  user: string;
  context: string;
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
  fromRevision?: string;
  toRevision?: string;
  reason?: string;
  result: 'success' | 'failure';
  message?: string;
  /** What an edit, create or delete changed, field by field (capped; Secret values never included). */
  diff?: string;
  /** Set on every new record; joins the file line and the Event of the same action. */
  id?: string;
  /** A terminal session (verb "exec"): its container, command, end, exit status and transcript. */
  container?: string;
  command?: string;
  startTime?: string;
  endTime?: string;
  exitCode?: number | null;
  /** What the terminal showed and what was typed, capped (`truncated`). Only in the file: see below. */
  transcript?: string;
  input?: string;
  truncated?: boolean;
}

/**
 * A terminal transcript may hold anything typed, passwords included: it stays in the audit file,
 * which only those who may read the audit log are shown, and never goes to stdout (log collection)
 * or into an Event (readable by anyone who may list Events).
 */
function withoutTranscript(r: AuditRecord): AuditRecord {
  if (r.transcript === undefined && r.input === undefined) return r;
  const { transcript: _t, input: _i, ...rest } = r;
  return rest;
}

/** The object an audit Event is attached to. */
export interface AuditTarget {
  apiVersion: string;
  kind: string;
  uid?: string;
}

export const AUDIT_REASON = 'WheelhouseAudit';
export const AUDIT_LABEL = 'wheelhouse.dev/audit';
export const AUDIT_ANNOTATION = 'wheelhouse.dev/audit-record';

export function auditFile(): string {
  // Not a file to trace into the build: instrumentation.ts (the terminal) imports this module, and
  // its trace gets none of next.config.js's outputFileTracingExcludes, so the image would carry the
  // whole project, the local audit file included.
  return (
    process.env.WHEELHOUSE_AUDIT_FILE ??
    path.join(/* turbopackIgnore: true */ process.cwd(), '.wheelhouse', 'audit.jsonl')
  );
}

const pending = new Set<Promise<void>>();

/** The most of any one piece of user text (a reason, a key name inside a message) an audit record keeps. */
export const AUDIT_TEXT_MAX = 256;

/**
 * User text in a record: control characters (newlines that would forge log lines, terminal escapes)
 * become spaces, and it is capped, so a record cannot be used to carry a payload.
 */
export function auditText(s: string, max = AUDIT_TEXT_MAX): string {
  const clean = s.replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function sanitized(entry: Omit<AuditRecord, 'time'>): Omit<AuditRecord, 'time'> {
  const out: Omit<AuditRecord, 'time'> = { ...entry };
  for (const k of [
    'user',
    'verb',
    'resource',
    'namespace',
    'name',
    'fromRevision',
    'toRevision',
    'container',
    'command',
  ] as const) {
    const v = out[k];
    if (v !== undefined) out[k] = auditText(v);
  }
  if (out.reason !== undefined) out.reason = auditText(out.reason);
  if (out.message !== undefined) out.message = auditText(out.message, 2 * AUDIT_TEXT_MAX);
  return out;
}

/**
 * Writes the record to the file and stdout now; with a target, also starts writing the Event (see
 * `recordAuditWithEvent` to wait for it).
 */
export function recordAudit(entry: Omit<AuditRecord, 'time'>, target?: AuditTarget): AuditRecord {
  const record: AuditRecord = { time: new Date().toISOString(), id: randomUUID(), ...sanitized(entry) };
  const line = `${JSON.stringify(record)}\n`;
  const file = auditFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, line, { mode: 0o600 });
  process.stdout.write(`[wheelhouse-audit] ${JSON.stringify(withoutTranscript(record))}\n`);
  if (target && record.name && record.result === 'success') {
    const p = writeAuditEvent(record, target).finally(() => pending.delete(p));
    pending.add(p);
  }
  return record;
}

/** Like `recordAudit`, and resolves once the Event (for a success) is written or its failure logged. */
export async function recordAuditWithEvent(
  entry: Omit<AuditRecord, 'time'>,
  target: AuditTarget,
): Promise<AuditRecord> {
  const record = recordAudit(entry, target);
  await auditEventsSettled();
  return record;
}

/** Resolves when every Event write started so far has finished. */
export async function auditEventsSettled(): Promise<void> {
  await Promise.all([...pending]);
}

export function auditEventMessage(r: AuditRecord): string {
  const object = `${r.resource} ${r.namespace ? `${r.namespace}/` : ''}${r.name ?? ''}`.trim();
  const revisions =
    r.fromRevision || r.toRevision ? ` from revision ${r.fromRevision ?? '?'} to ${r.toRevision ?? '?'}` : '';
  const why = r.reason ? `; reason: ${r.reason}` : '';
  const outcome = r.result === 'success' ? 'succeeded' : `failed${r.message ? ` (${r.message})` : ''}`;
  return `${r.user} ${r.verb} ${object}${revisions}: ${outcome}${why}`.slice(0, 1024);
}

async function writeAuditEvent(r: AuditRecord, target: AuditTarget): Promise<void> {
  const namespace = r.namespace ?? 'default';
  const now = new Date(r.time);
  try {
    await dashboardApiClient(r.context, CoreV1Api).createNamespacedEvent({
      namespace,
      body: {
        metadata: {
          generateName: `${(r.name ?? 'object').slice(0, 200)}.wheelhouse-`,
          namespace,
          labels: { [AUDIT_LABEL]: 'true' },
          annotations: { [AUDIT_ANNOTATION]: JSON.stringify(withoutTranscript(r)) },
        },
        involvedObject: {
          apiVersion: target.apiVersion,
          kind: target.kind,
          name: r.name,
          namespace: r.namespace,
          uid: target.uid,
        },
        reason: AUDIT_REASON,
        message: auditEventMessage(r),
        type: r.result === 'success' ? 'Normal' : 'Warning',
        source: { component: 'wheelhouse', host: os.hostname() },
        reportingComponent: 'wheelhouse.dev/dashboard',
        reportingInstance: os.hostname().slice(0, 128),
        action: r.verb,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      },
    });
  } catch (e) {
    // The file and stdout already hold the record; say why the shared copy is missing.
    const code = (e as { code?: unknown }).code;
    console.error(
      `[wheelhouse-audit] could not write the audit Event for ${r.id} in namespace ${namespace} (${typeof code === 'number' || typeof code === 'string' ? code : 'error'})`,
    );
  }
}

export function readAudit(limit = 500): AuditRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(auditFile(), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .slice(-limit)
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as AuditRecord];
      } catch {
        return [];
      }
    })
    .reverse();
}
