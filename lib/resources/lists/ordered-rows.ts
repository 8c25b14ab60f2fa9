import type { Change } from '../../live/reducer';
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
 */

interface Entry {
  row: Row;
  v: number | string;
  /** The tie-break (namespace, then name, in natural order), made on the first tie, once per row. */
  t?: string;
}

export class OrderedRows {
  private order: Entry[] = [];
  private byKey = new Map<string, Entry>();
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
    const order: Entry[] = [];
    for (const row of rows) {
      this.all++;
      if (this.matches(row)) order.push(this.entry(row));
    }
    order.sort((a, b) => this.compare(a, b));
    this.order = order;
    this.byKey = new Map(order.map((e) => [e.row.key, e]));
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
  resetFrom(from: OrderedRows): void {
    this.type = from.type;
    this.all = from.all;
    // Entries depend on the row and the sort column alone, so both orders share them. Either path
    // makes a new array (the flip, the filter or the copy): the orders never share one.
    const same = from.query.q === this.query.q && from.query.selector === this.query.selector;
    const src = from.sign === this.sign ? from.order : flipped(from.order);
    this.order = !same ? src.filter((e) => this.matches(e.row)) : src === from.order ? [...src] : src;
    this.byKey = new Map(this.order.map((e) => [e.row.key, e]));
  }

  /** Applies one change of the list; true when the matching rows or their order changed. */
  apply(c: Change): boolean {
    if (c.type === 'ADDED') this.all++;
    if (c.type === 'DELETED') this.all--;
    const old = this.byKey.get(c.key);
    const row = c.type === 'DELETED' ? undefined : c.row;
    const next = row && this.matches(row) ? this.entry(row) : undefined;
    if (!old && !next) return c.type !== 'MODIFIED';
    if (old && next && this.compare(old, next) === 0) {
      // Same place: replace in position (the common case, a status update).
      this.order[this.indexOf(old)] = next;
      this.byKey.set(c.key, next);
      return true;
    }
    if (old) {
      this.order.splice(this.indexOf(old), 1);
      this.byKey.delete(c.key);
    }
    if (next) {
      this.order.splice(this.lowerBound(next), 0, next);
      this.byKey.set(c.key, next);
    }
    return true;
  }

  /** The matching rows from `offset`, at most `count` of them. */
  slice(offset: number, count: number): Row[] {
    return this.order.slice(offset, offset + count).map((e) => e.row);
  }

  private matches(row: Row): boolean {
    return matchesSelector(row.labels, this.reqs) && this.text(row);
  }

  private entry(row: Row): Entry {
    return { row, v: sortValue(row, this.query.sort, this.type) };
  }

  private compare(a: Entry, b: Entry): number {
    const by = sameValue(a, b) ? 0 : this.sign * compareValues(a.v, b.v);
    if (by !== 0) return by;
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

  private indexOf(e: Entry): number {
    const i = this.lowerBound(e);
    if (this.order[i] === e) return i;
    // Unreachable while entries are only placed by lowerBound; a linear search keeps it correct anyway.
    return this.order.indexOf(e);
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
