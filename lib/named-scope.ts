import { z } from 'zod';
import { AppError } from './errors';
import { WORKLOAD_KINDS, type WorkloadKind } from './links';
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

export const workloadKind = z.enum(WORKLOAD_KINDS);

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
