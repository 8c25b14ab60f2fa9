/**
 * Where the rows of a virtual list go, in time and memory that do not grow with the list: every row
 * is `rowHeight` tall except those measured taller (a wrapped diagnosis), and only rows of the window
 * the browser holds can be measured. So a row's top is its index times the height, plus what the
 * measured rows above it inside the window add. A general virtualizer (@tanstack/react-virtual, used
 * here before) keeps one measurement per row of the whole list and rebuilds them whenever the count
 * changes: at 150,000 pods, most of a long task on every pod created or deleted.
 */

export interface RowLayout {
  /** Height of all rows. */
  size: number;
  /** Top of row `index`. */
  start: (index: number) => number;
  /** The rows that intersect [top, bottom), widened by `overscan` on each side. */
  range: (top: number, bottom: number, overscan: number) => { first: number; last: number };
}

/**
 * `lo` is the window's first index and `extras[i]` what row `lo + i` adds to `rowHeight` (0 when not
 * measured or not taller).
 */
export function rowLayout(count: number, rowHeight: number, lo: number, extras: number[]): RowLayout {
  // prefix[i]: what the measured rows lo..lo+i-1 add.
  const prefix = [0];
  for (const e of extras) prefix.push((prefix[prefix.length - 1] ?? 0) + Math.max(0, e));
  const hi = lo + extras.length;
  const added = prefix[prefix.length - 1] ?? 0;
  const start = (i: number) => i * rowHeight + (i <= lo ? 0 : i >= hi ? added : (prefix[i - lo] ?? 0));
  /** The row at offset `y` (the last one if past the end). */
  const at = (y: number): number => {
    if (count === 0) return 0;
    let i: number;
    if (y < lo * rowHeight) i = Math.floor(y / rowHeight);
    else if (y >= hi * rowHeight + added) i = hi + Math.floor((y - hi * rowHeight - added) / rowHeight);
    else {
      // Inside the window: at most a few hundred rows to walk.
      i = lo;
      while (i + 1 < hi && start(i + 1) <= y) i++;
    }
    return Math.min(count - 1, Math.max(0, i));
  };
  return {
    size: count * rowHeight + added,
    start,
    range: (top, bottom, overscan) => {
      if (count === 0) return { first: 0, last: -1 };
      return {
        first: Math.max(0, at(top) - overscan),
        last: Math.min(count - 1, at(Math.max(top, bottom - 1)) + overscan),
      };
    },
  };
}
