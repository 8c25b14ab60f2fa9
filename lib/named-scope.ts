import { z } from 'zod';
import { AppError } from './errors';
import { WORKLOAD_KINDS, type WorkloadKind, workloadKindOf, workloadPath } from './links';
import { decodeSegment, objectName, parseOrThrow, parseScope } from './params';

export interface NamedScope {
  context: string;
  namespace: string;
  namespaceSegment: string;
  name: string;
}

/** A namespaced object's address: `_all` is a list view, never the namespace of one object. */
export function parseNamedScope(raw: { context: string; namespace: string; name: string }): NamedScope {
  const scope = parseScope(raw);
  if (!scope.namespace)
    throw new AppError(
      400,
      'Choose a namespace: a single object cannot be shown across all namespaces.',
      'bad_request',
    );
  const name = parseOrThrow(objectName, decodeSegment(raw.name), 'name');
  return {
    context: scope.context,
    namespace: scope.namespace,
    namespaceSegment: scope.namespaceSegment,
    name,
  };
}

export const workloadKind = z.enum(WORKLOAD_KINDS, {
  error: `a workload kind is one of ${WORKLOAD_KINDS.join(', ')}`,
});

/**
 * The plural a singular workload kind of an old URL ("deployment") stands for, so the page can
 * redirect; undefined when the segment is already plural or no workload kind at all.
 */
export function legacyWorkloadKind(raw: string): WorkloadKind | undefined {
  const k = decodeSegment(raw);
  if ((WORKLOAD_KINDS as readonly string[]).includes(k)) return undefined;
  return k === k.toLowerCase() ? workloadKindOf(k) : undefined;
}

export function parseWorkloadScope(raw: {
  context: string;
  namespace: string;
  kind: string;
  name: string;
}): NamedScope & { kind: WorkloadKind } {
  return {
    ...parseNamedScope(raw),
    kind: parseOrThrow(workloadKind, decodeSegment(raw.kind), 'workload kind'),
  };
}

/** Where an old singular address now lives, built by the one URL builder; undefined if malformed. */
export function legacyWorkloadRedirect(
  raw: { context: string; namespace: string; name: string },
  kind: WorkloadKind,
  rest = '',
): string | undefined {
  try {
    const s = parseNamedScope(raw);
    return workloadPath(s.context, s.namespace, kind, s.name, rest) ?? undefined;
  } catch {
    return undefined;
  }
}
