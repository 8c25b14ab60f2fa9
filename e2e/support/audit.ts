/**
 * Test-side reading of the audit (lib/resources/audit/server/record.ts): a file of the test file's
 * own, its records, and the Kubernetes Event a record left on its object.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuthenticationV1Api, type CoreV1Event } from '@kubernetes/client-node';
import {
  AUDIT_ANNOTATION,
  AUDIT_LABEL,
  type AuditRecord,
  auditEventsSettled,
} from '@/lib/resources/audit/server/record';
import { adminConfig, core } from './kube';

/** The identity test-kubeconfig.sh gives the `viewer` context (e2e/cluster/identities.yaml). */
export const VIEWER_USER = 'system:serviceaccount:wheelhouse-system:viewer';

export interface AuditLog {
  /** Every record written so far, oldest first. */
  records(): AuditRecord[];
  remove(): void;
}

/**
 * Sends this process's audit to a fresh file (WHEELHOUSE_AUDIT_FILE is read at each write), so a
 * test file sees its own records only. Call it at the top of the file, before anything writes.
 */
export function auditToTempFile(): AuditLog {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-audit-'));
  const file = path.join(dir, 'audit.jsonl');
  process.env.WHEELHOUSE_AUDIT_FILE = file;
  return {
    records: () =>
      fs.existsSync(file)
        ? fs
            .readFileSync(file, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as AuditRecord)
        : [],
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The admin's username as the cluster reports it to the test's own client, not the dashboard's. */
export async function adminUsername(): Promise<string> {
  const review = await adminConfig()
    .makeApiClient(AuthenticationV1Api)
    .createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
  const name = review.status?.userInfo?.username;
  assert.ok(name, 'the admin has a username');
  return name;
}

type Match = Partial<Pick<AuditRecord, 'user' | 'verb' | 'resource' | 'namespace' | 'name' | 'result'>>;

/** The records with every field of `match`. */
export function recordsWith(log: AuditLog, match: Match): AuditRecord[] {
  return log
    .records()
    .filter((r) => Object.entries(match).every(([k, v]) => r[k as keyof AuditRecord] === v));
}

/** The one record with every field of `match`; the failure lists what the file holds. */
export function theRecord(log: AuditLog, match: Match): AuditRecord {
  const found = recordsWith(log, match);
  const held = log
    .records()
    .map((r) => [r.user, r.verb, r.resource, r.namespace, r.name, r.result].join(' '));
  assert.equal(
    found.length,
    1,
    `one audit record with ${JSON.stringify(match)}; the file has ${held.join('; ')}`,
  );
  return found[0] as AuditRecord;
}

/** The audit Event that carries this record (joined by its id), once every Event write has settled. */
export async function auditEventOf(record: AuditRecord): Promise<CoreV1Event | undefined> {
  await auditEventsSettled();
  const events = await core().listNamespacedEvent({
    namespace: record.namespace ?? 'default',
    labelSelector: `${AUDIT_LABEL}=true`,
  });
  return events.items.find((e) => {
    const carried = JSON.parse(e.metadata?.annotations?.[AUDIT_ANNOTATION] ?? '{}') as { id?: string };
    return carried.id === record.id;
  });
}

/** Asserts the record left its Kubernetes Event on this object (only the given fields are compared). */
export async function assertAuditEvent(
  record: AuditRecord,
  on: { kind: string; name: string; namespace?: string; uid?: string },
): Promise<void> {
  const o = (await auditEventOf(record))?.involvedObject;
  const seen = Object.fromEntries(Object.keys(on).map((k) => [k, o?.[k as keyof typeof on]]));
  assert.deepEqual(seen, on, `the audit Event of "${record.message}"`);
}
