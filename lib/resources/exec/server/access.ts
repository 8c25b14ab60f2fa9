import 'server-only';
import { serverEnv } from '../../../env';
import { type AccessAnswer, canI } from '../../../kube/access';
import type { Principal } from '../../../kube/client';

export const EXEC_OFF_REASON =
  'Terminals are turned off for this dashboard by its operator (WHEELHOUSE_EXEC=off).';

/**
 * Whether these credentials may open a terminal in this pod: the operator's switch, then the
 * cluster's answer to `create pods/exec` (SelfSubjectAccessReview), as the pod page shows it and as
 * the terminal WebSocket enforces it. The API server decides again when the session starts.
 */
export async function execAccess(
  context: string,
  namespace: string,
  pod: string,
  principal?: Principal,
): Promise<AccessAnswer> {
  if (serverEnv().WHEELHOUSE_EXEC === 'off') return { allowed: false, reason: EXEC_OFF_REASON };
  return canI(
    context,
    { verb: 'create', resource: 'pods', subresource: 'exec', namespace, name: pod },
    principal,
  );
}
