import { isAppError } from './errors';
import { decodeSegment, objectName, parseOrThrow, parseScope } from './params';

export interface DetailParams {
  context: string;
  namespace: string;
  name: string;
}

/**
 * Route params of a namespaced object's page. Undefined (the page answers 404) for the
 * all-namespaces scope, where a name alone names nothing, and for a name that cannot exist:
 * proxy.ts already answers 400 for bad context and namespace segments, and a server component
 * cannot send a 400 of its own.
 */
export function parseDetail(raw: {
  context: string;
  namespace: string;
  name: string;
}): DetailParams | undefined {
  try {
    const scope = parseScope(raw);
    const name = parseOrThrow(objectName, decodeSegment(raw.name), 'name');
    return scope.namespace ? { context: scope.context, namespace: scope.namespace, name } : undefined;
  } catch (e) {
    if (isAppError(e) && e.status === 400) return undefined;
    throw e;
  }
}
