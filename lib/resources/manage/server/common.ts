import 'server-only';
import { dump } from 'js-yaml';
import { AppError } from '../../../errors';
import { canI } from '../../../kube/access';
import { whoAmI } from '../../../kube/identity';
import { resolveApiKind } from '../../api-kinds/server/discovery';
import { type AuditRecord, recordAudit } from '../../audit/server/record';
import { apiVersion as apiVersionOf, resourceOf, sanitize } from '../../lists/kinds';
import type { Json, ResolvedKind } from './raw';

/** The pieces every write shares: the kind from the URL, the access gate, the audit record. */

/**
 * A kind named in the URL by its plural (group-qualified outside the core group): Wheelhouse's own
 * or any the cluster serves (aggregated discovery); a 404 with a sentence for one it does not.
 */
export async function kindFromSlug(context: string, slug: string): Promise<ResolvedKind> {
  const k = await resolveApiKind(context, slug);
  return {
    apiVersion: apiVersionOf(k),
    kind: k.kind,
    group: k.group,
    version: k.version,
    resource: resourceOf(k),
    namespaced: k.namespaced,
  };
}

/** Refuses before anything is sent when SelfSubjectAccessReview says no, with its sentence. */
export async function gate(
  context: string,
  verb: 'update' | 'create' | 'delete',
  r: ResolvedKind,
  namespace: string | undefined,
  name?: string,
): Promise<void> {
  const answer = await canI(context, {
    verb,
    group: r.group,
    resource: r.resource,
    namespace: r.namespaced ? namespace : undefined,
    name,
  });
  if (!answer.allowed) {
    throw new AppError(
      403,
      `${answer.reason ?? `You may not ${verb} ${r.resource}.`} The cluster's access review (SelfSubjectAccessReview) refused it, so nothing was sent.`,
      'forbidden',
    );
  }
}

export async function userOf(context: string): Promise<string> {
  try {
    return (await whoAmI(context)).username;
  } catch {
    return `unknown (context ${context})`;
  }
}

/** One audit line (and Event on the object when it has a name and uid). */
export function auditWrite(
  entry: Omit<AuditRecord, 'time' | 'id'>,
  target: { apiVersion: string; kind: string; uid?: string },
): void {
  const message =
    entry.message && entry.message.length > 1000 ? `${entry.message.slice(0, 999)}…` : entry.message;
  recordAudit({ ...entry, ...(message ? { message } : {}) }, target);
}

/** The object as the editor shows it: no managedFields; for Secrets no values anywhere. */
export function forDisplay(obj: Json): Json {
  return sanitize(obj as Parameters<typeof sanitize>[0]) as Json;
}

export function toYaml(obj: Json): string {
  return dump(obj, { lineWidth: -1, noRefs: true });
}

export function metadataOf(obj: Json): Json {
  const m = obj.metadata;
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Json) : {};
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
