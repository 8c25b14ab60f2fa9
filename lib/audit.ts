import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

/**
 * One record per mutation or Secret reveal. Written as a JSON line to a file that survives restarts
 * and to stdout for the cluster's log collection. Writes are synchronous appends so that a record
 * exists before the response that reports the change goes out.
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
}

export function auditFile(): string {
  return process.env.WHEELHOUSE_AUDIT_FILE ?? path.join(process.cwd(), '.wheelhouse', 'audit.jsonl');
}

export function recordAudit(entry: Omit<AuditRecord, 'time'>): AuditRecord {
  const record: AuditRecord = { time: new Date().toISOString(), ...entry };
  const line = `${JSON.stringify(record)}\n`;
  const file = auditFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, line, { mode: 0o600 });
  process.stdout.write(`[wheelhouse-audit] ${line}`);
  return record;
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
