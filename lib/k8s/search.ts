import 'server-only';
import { KINDS, type Row } from './kinds';
import { type SearchHit, searchRows } from './search-match';
import { currentRows, requestPrincipal } from './watch-cache';

/**
 * Search across every kind, from the shared watch cache with the context's own credentials. Kinds
 * the user may not list are skipped (and say so), never guessed at.
 */
export async function searchObjects(
  context: string,
  namespace: string | undefined,
  query: string,
): Promise<{ hits: SearchHit[]; skipped: string[] }> {
  const principal = await requestPrincipal();
  const byKind = new Map<string, Row[]>();
  const skipped: string[] = [];
  await Promise.all(
    KINDS.filter((k) => k.slug !== 'events').map(async (k) => {
      try {
        const rows = await currentRows(context, k.slug, namespace, 4000, principal);
        if (rows) byKind.set(k.slug, rows);
        else skipped.push(k.slug);
      } catch {
        skipped.push(k.slug);
      }
    }),
  );
  return { hits: searchRows(byKind, query), skipped: skipped.sort() };
}
