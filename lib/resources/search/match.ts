import { matchesSelector, parseSelector } from '../lists/query';
import type { Row } from '../lists/rows/types';

export interface SearchHit {
  /** The plural resource name (URL segment). */
  kind: string;
  /** The API's Kind, for people; set by the server so the palette ships no kinds table. */
  kindName?: string;
  namespace: string;
  name: string;
  /** Why it matched: the name, or the labels that satisfied the selector. */
  match: string;
}

/**
 * Ranks objects of every kind against what was typed: a label selector when it has `=`, `!` or
 * ` in `, else a name (exact, then prefix, then substring). Pure, so it is unit-tested.
 */
export function searchRows(byKind: Map<string, Row[]>, query: string, limit = 50): SearchHit[] {
  const q = query.trim();
  if (!q) return [];
  const asSelector = /[=!]|\s(not)?in\s/.test(q);
  const scored: { hit: SearchHit; score: number }[] = [];
  if (asSelector) {
    const reqs = parseSelector(q);
    for (const [kind, rows] of byKind)
      for (const r of rows)
        if (matchesSelector(r.labels, reqs))
          scored.push({
            hit: { kind, namespace: r.namespace, name: r.name, match: reqs.map((x) => x.key).join(', ') },
            score: 3,
          });
  } else {
    const lower = q.toLowerCase();
    for (const [kind, rows] of byKind)
      for (const r of rows) {
        const name = r.name.toLowerCase();
        const score = name === lower ? 0 : name.startsWith(lower) ? 1 : name.includes(lower) ? 2 : -1;
        if (score >= 0)
          scored.push({ hit: { kind, namespace: r.namespace, name: r.name, match: 'name' }, score });
      }
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      a.hit.name.length - b.hit.name.length ||
      a.hit.name.localeCompare(b.hit.name) ||
      a.hit.kind.localeCompare(b.hit.kind),
  );
  return scored.slice(0, limit).map((s) => s.hit);
}
