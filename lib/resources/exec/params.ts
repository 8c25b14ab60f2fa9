import { z } from 'zod';
import { AppError } from '../../errors';
import { contextName, decodeSegment, namespaceName, objectName, parseOrThrow } from '../../params';
import { EXEC_PATH } from './path';
import { EXEC_SHELLS, type ExecTarget } from './shells';

export { EXEC_SHELLS, type ExecShell, type ExecTarget, execUrl, shellCommand } from './shells';

/**
 * What a terminal asks for: the address of the exec WebSocket and its query, parsed with the same
 * rules as every other address. Pure, shared by the server (upgrade) and the browser (URL building).
 */

/** Container names are DNS-1123 labels. */
const containerName = z
  .string()
  .min(1, 'a container name cannot be empty')
  .max(63, 'a container name has at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a container name is a DNS-1123 label');

export const execQuery = z.object({
  container: containerName,
  shell: z.enum(EXEC_SHELLS, { error: `a shell is one of ${EXEC_SHELLS.join(', ')}` }).default('auto'),
  cols: z.coerce.number().int().min(10).max(500).default(80),
  rows: z.coerce.number().int().min(4).max(200).default(24),
});

/** The target of an exec request URL (path and query); throws a 400 AppError with a sentence. */
export function parseExecUrl(url: string): ExecTarget {
  let u: URL;
  try {
    u = new URL(url, 'http://wheelhouse.invalid');
  } catch {
    throw new AppError(400, 'The terminal address is malformed.', 'bad_request');
  }
  const m = EXEC_PATH.exec(u.pathname);
  if (!m) throw new AppError(404, 'There is no terminal at this address.', 'not_found');
  const context = parseOrThrow(contextName, decodeSegment(m[1] ?? ''), 'context');
  const namespace = parseOrThrow(namespaceName, decodeSegment(m[2] ?? ''), 'namespace');
  const pod = parseOrThrow(objectName, decodeSegment(m[3] ?? ''), 'pod name');
  const q = execQuery.safeParse(Object.fromEntries(u.searchParams));
  if (!q.success) {
    const issue = q.error.issues[0];
    const field = issue?.path.join('.') || 'query';
    throw new AppError(400, `Bad ${field}: ${issue?.message ?? 'invalid value'}.`, 'bad_request');
  }
  return { context, namespace, pod, ...q.data };
}
