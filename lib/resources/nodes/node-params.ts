import { z } from 'zod';
import { AppError } from '../../errors';
import { decodeSegment, objectName, parseOrThrow, parseScope } from '../../params';

/** Route params and bodies of the node actions (zod at the trust boundary). */

const reason = z.string().max(500, 'a reason has at most 500 characters').optional();

export const cordonBody = z.strictObject({ reason });

export const drainBody = z.strictObject({
  options: z.strictObject({
    ignoreDaemonSets: z.boolean({ error: 'ignoreDaemonSets is true or false' }),
    deleteEmptyDirData: z.boolean({ error: 'deleteEmptyDirData is true or false' }),
    force: z.boolean({ error: 'force is true or false' }),
  }),
  timeoutSeconds: z
    .number({ error: 'timeoutSeconds must be a number' })
    .int('timeoutSeconds must be a whole number')
    .min(1, 'timeoutSeconds is at least 1')
    .max(600, 'timeoutSeconds is at most 600'),
  reason,
});

export interface NodeRouteParams {
  context: string;
  namespace: string;
  name: string;
}

export function parseNodeTarget(raw: NodeRouteParams): { context: string; name: string } {
  const scope = parseScope(raw);
  if (!raw.name) throw new AppError(400, 'The address must name a node.', 'bad_request');
  return { context: scope.context, name: parseOrThrow(objectName, decodeSegment(raw.name), 'name') };
}
