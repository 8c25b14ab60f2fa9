import 'server-only';
import { serverEnv } from '../../../env';
import { AppError } from '../../../errors';

/**
 * Open terminals per person (token mode: per signed-in token; local mode: the kubeconfig's one
 * person), so that one person's sessions never exhaust the server for others. A terminal holds two
 * sockets and a process in the container for as long as it is open.
 */

const open = new Map<string, Set<() => void>>();

/** Registers a session of `owner`; throws 429 past WHEELHOUSE_MAX_EXEC_PER_USER. Returns its release. */
export function takeExecSlot(owner: string, close: () => void): () => void {
  const max = serverEnv().WHEELHOUSE_MAX_EXEC_PER_USER;
  const mine = open.get(owner) ?? new Set();
  if (mine.size >= max)
    throw new AppError(
      429,
      `You already have ${mine.size} terminals open, the most one sign-in may have (WHEELHOUSE_MAX_EXEC_PER_USER); close one first.`,
      'too_many_terminals',
    );
  mine.add(close);
  open.set(owner, mine);
  return () => {
    mine.delete(close);
    if (mine.size === 0 && open.get(owner) === mine) open.delete(owner);
  };
}

/** Ends every terminal of an owner (its token was revoked). */
export function closeExecSessionsOf(owner: string): void {
  for (const close of [...(open.get(owner) ?? [])]) close();
}
