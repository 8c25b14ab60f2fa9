import type { Cell, Column, Row } from './rows/types';

/**
 * What a list's filter and sort mean for one row: label selectors, the text filter and the sort value.
 * The server keeps each query's order over its cache (ordered-rows.ts) and sends the browser a window
 * of it; the browser only parses a selector to say at once what is wrong with it.
 */

export type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] };

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function checkKey(k: string): string {
  const name = k.includes('/') ? k.slice(k.indexOf('/') + 1) : k;
  if (!KEY.test(k) || name.length > 63) throw new Error(`"${k}" is not a valid label key`);
  return k;
}

function checkValue(v: string): string {
  if (v.length > 63 || !VALUE.test(v)) throw new Error(`"${v}" is not a valid label value`);
  return v;
}

/** Splits on commas that are not inside `in (…)` parentheses. */
function clauses(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new Error('unbalanced ")"');
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (depth !== 0) throw new Error('unbalanced "("');
  out.push(cur.trim());
  return out;
}

/** Kubernetes label selector syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`. */
export function parseSelector(input: string): Requirement[] {
  const s = input.trim();
  if (!s) return [];
  return clauses(s).map((c) => {
    if (!c) throw new Error('empty requirement (two commas in a row?)');
    let m = /^!\s*(\S+)$/.exec(c);
    if (m) return { key: checkKey(m[1] ?? ''), op: 'notexists' };
    m = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(c);
    if (m) {
      const values = [checkValue(m[3] ?? '')];
      return { key: checkKey(m[1] ?? ''), op: m[2] === '!=' ? 'notin' : 'in', values };
    }
    m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(c);
    if (m) {
      const values = (m[3] ?? '').split(',').map((v) => checkValue(v.trim()));
      return { key: checkKey(m[1] ?? ''), op: m[2] as 'in' | 'notin', values };
    }
    if (/^\S+$/.test(c)) return { key: checkKey(c), op: 'exists' };
    throw new Error(`cannot read "${c}"`);
  });
}

export function matchesSelector(labels: Record<string, string>, reqs: Requirement[]): boolean {
  return reqs.every((r) => {
    const v = labels[r.key];
    switch (r.op) {
      case 'exists':
        return v !== undefined;
      case 'notexists':
        return v === undefined;
      case 'in':
        return v !== undefined && r.values.includes(v);
      default:
        return v === undefined || !r.values.includes(v);
    }
  });
}

function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  return Array.isArray(v) ? v.join(' ') : String(v);
}

/**
 * Text search over name, namespace, every cell and the labels (as key=value). Case-insensitive.
 * Compiled once per query: a case-insensitive regular expression finds the text without a lowercase
 * copy of every string of every row, and a string shorter than the text is never searched (most
 * cells of a pod: its ready count, status, restarts), since a filter pass over 150,000 rows is most
 * of the time a filter takes to show.
 */
export function textMatcher(text: string): (row: Row) => boolean {
  const t = text.trim();
  if (!t) return () => true;
  const re = new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  const n = t.length;
  const has = (s: string) => s.length >= n && re.test(s);
  // Only a text with "=" can match across a label's key and value.
  const across = t.includes('=');
  return (row) => {
    if (has(row.name) || has(row.namespace)) return true;
    const cells = row.cells;
    for (const k in cells) {
      const v = cells[k];
      if (v === null || v === undefined) continue;
      if (typeof v === 'string' ? has(v) : has(cellText(v))) return true;
    }
    const labels = row.labels;
    for (const k in labels) {
      const v = labels[k] ?? '';
      if (across ? k.length + v.length + 1 >= n && re.test(`${k}=${v}`) : has(k) || has(v)) return true;
    }
    return false;
  };
}

/**
 * Natural order ("web-9" before "web-10") without Intl.Collator, which is too slow for 10,000 rows on
 * every update: each digit run loses its leading zeros and gets its length as a prefix character, so
 * plain string comparison does the rest (a longer number is a larger one). Shorter than zero-padding,
 * which matters at 150,000 rows: these are the keys a sort compares and the tie keys it keeps.
 */
const DIGITS = /\d+/g;
function digitRun(run: string): string {
  let i = 0;
  while (i < run.length - 1 && run.charCodeAt(i) === 48) i++;
  const digits = i ? run.slice(i) : run;
  // "0" to "9" for up to nine digits, so a number still sorts where a digit would.
  return String.fromCharCode(48 + Math.min(digits.length, 70)) + digits;
}
function naturalKey(s: string): string {
  return s.toLowerCase().replace(DIGITS, digitRun);
}

const tieKeys = new WeakMap<Row, string>();

export function tieKey(r: Row): string {
  let k = tieKeys.get(r);
  if (k === undefined) {
    k = `${naturalKey(r.namespace)}\u0000${naturalKey(r.name)}`;
    tieKeys.set(r, k);
  }
  return k;
}

/** "3/4" sorts by ready count then total; numbers numerically; text in natural order. */
export function sortValue(row: Row, key: string, type: Column['type'] | 'name'): number | string {
  if (key === 'name') return naturalKey(row.name);
  if (key === 'namespace') return naturalKey(row.namespace);
  const v = row.cells[key];
  if (type === 'ratio' && typeof v === 'string') {
    const [a, b] = v.split('/').map(Number);
    return (a || 0) * 1e6 + (b || 0);
  }
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return naturalKey(cellText(v));
}

export function compareValues(x: number | string, y: number | string): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const a = String(x);
  const b = String(y);
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ListQuery {
  q: string;
  selector: string;
  sort: string;
  dir: 'asc' | 'desc';
}

export function listQueryString(q: ListQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.selector) p.set('selector', q.selector);
  if (q.sort !== 'name') p.set('sort', q.sort);
  if (q.dir !== 'asc') p.set('dir', q.dir);
  const s = p.toString();
  return s ? `?${s}` : '';
}
