import 'server-only';
import { AppError } from '../../../errors';
import { namespaceRefusal, takeSearch, watchRefusal } from '../../../live/principal-limits';
import { currentRows, requestPrincipal } from '../../../live/watch-cache';
import { KINDS, kindBySlug, type Row } from '../../lists/kinds';
import { type SearchHit, searchRows } from '../match';

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
  takeSearch(principal);
  // A made-up namespace is answered after one check, not with a list of every kind watched there.
  const absent = await namespaceRefusal(context, namespace, principal);
  if (absent) throw new AppError(absent.status, absent.message, absent.code);
  const byKind = new Map<string, Row[]>();
  const skipped: string[] = [];
  await Promise.all(
    KINDS.filter((k) => k.slug !== 'events').map(async (k) => {
      if (watchRefusal(context, k.slug, k.namespaced ? namespace : undefined, principal)) {
        skipped.push(k.slug);
        return;
      }
      try {
        const rows = await currentRows(context, k.slug, namespace, 4000, principal);
        if (rows) byKind.set(k.slug, rows);
        else skipped.push(k.slug);
      } catch {
        skipped.push(k.slug);
      }
    }),
  );
  const hits = searchRows(byKind, query).map((h) => ({ ...h, kindName: kindBySlug(h.kind)?.kind ?? h.kind }));
  return { hits, skipped: skipped.sort() };
}
