import type { CacheChange } from '../../live/reducer';
import {
  compareValues,
  type ListQuery,
  matchesSelector,
  parseSelector,
  type Requirement,
  sortValue,
  textMatcher,
  tieKey,
} from './query';
import type { Column, Row } from './rows/types';

/**
 * One list query's order (filter, label selector, sort) over a cached list, kept up to date change by
 * change: a change costs a binary search and one splice, not a sort, so a window of a 150,000-row list
 * can be served on every update. Ties break on namespace then name, so the order is total and stable.
 * It holds one array and no map by key (at 150,000 rows a map was a third of a new order's time and
 * memory): a change's `prev` row finds its entry by the same binary search that places new ones.
 */

/** Matches at most 1 in FEW of the order's rows are sorted rather than walked for (see resetFromInParts). */
const FEW = 16;

interface Entry {
  row: Row;
  v: number | string;
  /** The tie-break (namespace, then name, in natural order), made on the first tie, once per row. */
  t?: string;
}

export class OrderedRows {
  private order: Entry[] = [];
  private readonly reqs: Requirement[];
  private readonly text: (row: Row) => boolean;
  private readonly sign: 1 | -1;
  private type: Column['type'] | 'name' = 'name';
  /** Rows in the list, matching or not. */
  private all = 0;

  constructor(readonly query: ListQuery) {
    this.reqs = parseSelector(query.selector);
    this.text = textMatcher(query.q);
    this.sign = query.dir === 'asc' ? 1 : -1;
  }

  /** Rows that match the query. */
  get total(): number {
    return this.order.length;
  }

  /** Rows in the list. */
  get size(): number {
    return this.all;
  }

  /** Starts over from a whole list (a snapshot); `columns` give the sort column's type. */
  reset(rows: Iterable<Row>, columns: Column[]): void {
    this.type = columns.find((c) => c.key === this.query.sort)?.type ?? 'name';
    this.all = 0;
    const found: Row[] = [];
    for (const row of rows) {
      this.all++;
      if (this.matches(row)) found.push(row);
    }
    this.order = this.sorted(found);
  }

  /**
   * Whether this query's order can be taken from `from`'s in one pass instead of a sort: the same
   * list and sort column, and a filter `from` already applied (no selector or the same one, and a text
   * this one contains), in either direction. Typing a filter narrows the last one; a sort click flips it.
   */
  canDeriveFrom(from: OrderedRows): boolean {
    const norm = (t: string) => t.trim().toLowerCase();
    return (
      from.query.sort === this.query.sort &&
      (from.query.selector === '' || from.query.selector === this.query.selector) &&
      norm(this.query.q).includes(norm(from.query.q))
    );
  }

  /** Starts over from another order of the same list (see canDeriveFrom): filtered, flipped if need be. */
  resetFrom(from: OrderedRows, rows: readonly Row[]): void {
    this.resetFromInParts(from, rows, Number.POSITIVE_INFINITY);
  }

  /**
   * resetFrom in parts, for a filter of a long order: when it returns, the order holds the first
   * `first` matching rows (a prefix of the whole answer, so a window from the top can be served);
   * each call of the function it returns walks `step` more of `from`'s rows, true once the order is
   * whole. Undefined when it was whole at once. `from`'s rows are taken as they were at the call, so
   * changes of the list meanwhile must wait (apply them once whole): see windows.ts.
   *
   * `rows` are the list's rows, the same as `from`'s, in the cache's order: the filter runs over them
   * in that order, which is about the order they were made in and sit in memory. Run in `from`'s sort
   * order it was 4-5 times slower at 150,000 pods (a cache miss for each row's strings), so the
   * order is only walked afterwards to keep the rows found, or not at all when they are few enough
   * to sort.
   */
  resetFromInParts(
    from: OrderedRows,
    rows: readonly Row[],
    first: number,
  ): ((step: number) => boolean) | undefined {
    this.type = from.type;
    this.all = from.all;
    // Entries depend on the row and the sort column alone, so both orders share them. Every path
    // makes a new array (the flip, the filter or the copy): the orders never share one.
    if (from.query.q === this.query.q && from.query.selector === this.query.selector) {
      this.order = from.sign === this.sign ? [...from.order] : flipped(from.order);
      return undefined;
    }
    const found: Row[] = [];
    for (const row of rows) if (this.matches(row)) found.push(row);
    if (found.length * FEW <= from.order.length) {
      // A sort of a few thousand rows is quicker than a walk of all of them.
      this.order = this.sorted(found);
      return undefined;
    }
    const keep = new Set(found);
    const src = from.sign === this.sign ? from.order : flipped(from.order);
    const out: Entry[] = [];
    this.order = out;
    let rest = src;
    let i = 0;
    const walk = (end: number, stopAt: number) => {
      for (; i < end && out.length < stopAt; i++) {
        const e = rest[i] as Entry;
        if (keep.has(e.row)) out.push(e);
      }
      return i >= rest.length;
    };
    if (walk(rest.length, first)) return undefined;
    // `from` goes on taking the list's changes while this one is made: the rest is read from a copy.
    if (rest === from.order) {
      rest = rest.slice(i);
      i = 0;
    }
    return (step) => walk(Math.min(rest.length, i + step), Number.POSITIVE_INFINITY);
  }

  /**
   * Applies one change of the list; true when the matching rows or their order changed. A MODIFIED or
   * DELETED change carries the row it replaces (`prev`, as the watch cache gives it); without one,
   * the entry is looked for by key, in linear time.
   */
  apply(c: CacheChange): boolean {
    if (c.type === 'ADDED') this.all++;
    if (c.type === 'DELETED') this.all--;
    const at = c.type === 'ADDED' ? -1 : this.find(c);
    const old = at >= 0 ? this.order[at] : undefined;
    const row = c.type === 'DELETED' ? undefined : c.row;
    const next = row && this.matches(row) ? this.entry(row) : undefined;
    if (!old && !next) return c.type !== 'MODIFIED';
    if (old && next && this.compare(old, next) === 0) {
      // Same place: replace in position (the common case, a status update).
      this.order[at] = next;
      return true;
    }
    if (old) this.order.splice(at, 1);
    if (next) this.order.splice(this.lowerBound(next), 0, next);
    return true;
  }

  /** Where the change's key is in the order, or -1. */
  private find(c: CacheChange): number {
    if (c.prev) {
      if (!this.matches(c.prev)) return -1;
      const i = this.lowerBound(this.entry(c.prev));
      if (this.order[i]?.row.key === c.key) return i;
    }
    // No `prev`, or an order that missed one of the list's changes: still correct, only slower.
    return this.order.findIndex((e) => e.row.key === c.key);
  }

  /** The matching rows from `offset`, at most `count` of them. */
  slice(offset: number, count: number): Row[] {
    return this.order.slice(offset, offset + count).map((e) => e.row);
  }

  private sorted(rows: Row[]): Entry[] {
    const order = rows.map((row) => this.entry(row));
    order.sort((a, b) => this.compare(a, b));
    return order;
  }

  private matches(row: Row): boolean {
    return (this.reqs.length === 0 || matchesSelector(row.labels, this.reqs)) && this.text(row);
  }

  private entry(row: Row): Entry {
    return { row, v: sortValue(row, this.query.sort, this.type) };
  }

  private compare(a: Entry, b: Entry): number {
    const x = a.v;
    const y = b.v;
    if (x !== y) {
      // Numbers and strings compared inline: this runs some 2.5 million times to sort 150,000 rows.
      const by =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : typeof x === 'string' && typeof y === 'string'
            ? x < y
              ? -1
              : 1
            : compareValues(x, y);
      if (by !== 0) return this.sign * by;
    }
    a.t ??= tieKey(a.row);
    b.t ??= tieKey(b.row);
    if (a.t !== b.t) return a.t < b.t ? -1 : 1;
    return a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0;
  }

  /** The first position whose entry does not sort before `e`. */
  private lowerBound(e: Entry): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.order[mid];
      if (m && this.compare(m, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The other direction of an order: reversed, except that ties keep breaking on namespace then name
 * ascending, so each run of equal sort values is put back the right way round.
 */
function flipped(order: Entry[]): Entry[] {
  const out = order.slice().reverse();
  let i = 0;
  while (i < out.length) {
    let j = i + 1;
    while (j < out.length && sameValue(out[j] as Entry, out[i] as Entry)) j++;
    if (j - i > 1) {
      for (let a = i, b = j - 1; a < b; a++, b--) {
        const t = out[a] as Entry;
        out[a] = out[b] as Entry;
        out[b] = t;
      }
    }
    i = j;
  }
  return out;
}

function sameValue(a: Entry, b: Entry): boolean {
  return a.v === b.v || compareValues(a.v, b.v) === 0;
}
