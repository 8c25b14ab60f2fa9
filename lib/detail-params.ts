import { decodeSegment, objectName, parseOrThrow, parseScope } from './params';

export interface DetailParams {
  context: string;
  namespace: string;
  name: string;
}

/**
 * Route params of a namespaced object's page. Undefined for the all-namespaces scope, where an
 * object name alone names nothing (the page answers 404).
 */
export function parseDetail(raw: {
  context: string;
  namespace: string;
  name: string;
}): DetailParams | undefined {
  const scope = parseScope(raw);
  const name = parseOrThrow(objectName, decodeSegment(raw.name), 'name');
  return scope.namespace ? { context: scope.context, namespace: scope.namespace, name } : undefined;
}
