import type { KubeObject } from '../resources/lists/rows/types';

/**
 * The one redaction of API objects, applied before anything is kept or sent (watch cache, YAML view,
 * view models): what is only bookkeeping, or may repeat a Secret's values, never leaves the server.
 */

/** `kubectl apply` stores the whole object in this annotation, a Secret's data included. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Annotations removed from every object: each can embed values we never show. */
export const HIDDEN_ANNOTATIONS: readonly string[] = [LAST_APPLIED];

/**
 * A copy without managedFields and hidden annotations, and for Secrets without data or stringData.
 * The input is left alone: callers may still need the raw object (a Secret row counts its keys).
 */
export function redact<T extends KubeObject>(obj: T, kind: string | undefined = obj.kind): T {
  const src = obj as T & { data?: unknown; stringData?: unknown };
  // Items of a LIST carry no `kind`: the caller, who knows what it listed, passes it.
  const isSecret = kind === 'Secret';
  const { metadata, ...rest } = src;
  const out = { ...rest } as T & { data?: unknown; stringData?: unknown };
  if (isSecret) {
    delete out.data;
    delete out.stringData;
  }
  if (metadata) {
    const { managedFields: _m, annotations, ...meta } = metadata;
    const kept = annotations
      ? Object.fromEntries(Object.entries(annotations).filter(([k]) => !HIDDEN_ANNOTATIONS.includes(k)))
      : undefined;
    out.metadata = { ...meta, ...(kept ? { annotations: kept } : {}) } as T['metadata'];
  }
  return out;
}
