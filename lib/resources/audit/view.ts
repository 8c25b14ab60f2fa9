import { z } from 'zod';

/**
 * Audit rows for the Audit page: file records and Event records merged into one history. Pure, so
 * it is unit-tested; the Event annotation is untrusted input (anyone who may create Events can
 * write one) and is validated, and every row says where it came from.
 */

export const auditRecordSchema = z.object({
  time: z.string().max(64),
  user: z.string().max(512),
  context: z.string().max(253),
  verb: z.string().max(64),
  resource: z.string().max(253),
  namespace: z.string().max(63).optional(),
  name: z.string().max(253).optional(),
  fromRevision: z.string().max(64).optional(),
  toRevision: z.string().max(64).optional(),
  reason: z.string().max(1024).optional(),
  result: z.enum(['success', 'failure']),
  message: z.string().max(1024).optional(),
  diff: z.string().max(4200).optional(),
  id: z.string().max(64).optional(),
  container: z.string().max(253).optional(),
  command: z.string().max(512).optional(),
  startTime: z.string().max(64).optional(),
  endTime: z.string().max(64).optional(),
  exitCode: z.number().int().nullable().optional(),
  // The transcript cap (lib/resources/exec/transcript.ts) with room for JSON-decoded text.
  transcript: z.string().max(300_000).optional(),
  input: z.string().max(300_000).optional(),
  truncated: z.boolean().optional(),
});

export type AuditEntry = z.infer<typeof auditRecordSchema>;

export interface AuditRow extends AuditEntry {
  key: string;
  sources: ('file' | 'event')[];
  /** For an Event: who wrote it (the dashboard's ServiceAccount, normally). */
  eventName?: string;
}

export function parseAuditAnnotation(value: string | undefined): AuditEntry | undefined {
  if (!value || value.length > 8192) return undefined;
  try {
    const r = auditRecordSchema.safeParse(JSON.parse(value));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** One row per action, newest first; a record found in the file and as an Event is shown once. */
export function mergeAudit(
  fromFile: AuditEntry[],
  fromEvents: { record: AuditEntry; eventName: string }[],
  limit = 500,
): AuditRow[] {
  const rows = new Map<string, AuditRow>();
  for (const r of fromFile) {
    const key = r.id ?? `file:${r.time}:${r.user}:${r.verb}:${r.name ?? ''}`;
    // A terminal session is written when it opens and again when it ends, under one id: the file is
    // read newest first, so the first line seen is the latest state of the session.
    if (!rows.has(key)) rows.set(key, { ...r, key, sources: ['file'] });
  }
  for (const { record, eventName } of fromEvents) {
    const key = record.id ?? `event:${eventName}`;
    const seen = rows.get(key);
    if (seen) {
      if (!seen.sources.includes('event')) seen.sources.push('event');
      seen.eventName = eventName;
    } else {
      rows.set(key, { ...record, key, sources: ['event'], eventName });
    }
  }
  return [...rows.values()].sort((a, b) => b.time.localeCompare(a.time)).slice(0, limit);
}

export function inScope(r: AuditEntry, context: string, namespace: string | undefined): boolean {
  return r.context === context && (namespace === undefined || r.namespace === namespace);
}
