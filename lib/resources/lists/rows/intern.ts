import type { Cell } from './types';

/**
 * One copy of each short string that many rows repeat (namespaces, label values, node names,
 * statuses, images, creation seconds): every watch event is parsed into fresh strings, and at
 * 150,000 pods the duplicates are a large share of the cache. Bounded: past MAX entries the pool
 * starts over, which only costs the sharing, never correctness.
 */

const MAX = 200_000;
const LONGEST = 128;
let pool = new Map<string, string>();

export function intern(s: string): string {
  if (s.length > LONGEST) return s;
  const have = pool.get(s);
  if (have !== undefined) return have;
  if (pool.size >= MAX) pool = new Map();
  pool.set(s, s);
  return s;
}

export function internCell(c: Cell): Cell {
  if (typeof c === 'string') return intern(c);
  if (Array.isArray(c)) return c.map(intern);
  return c;
}

export function internRecord<T extends Cell>(r: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(r)) out[intern(k)] = internCell(v) as T;
  return out;
}
