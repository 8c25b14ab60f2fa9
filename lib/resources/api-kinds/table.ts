import type { Column, KubeObject, Row } from '../lists/kinds';
import { rowOf } from '../lists/rows/common';

/**
 * The API server's Table format (meta.k8s.io/v1 Table) as Wheelhouse rows: the columns `kubectl get`
 * prints (priority 0, the name column aside since every list has its own) and each row's cells as
 * kubectl renders them. Cells are keyed by column position (`c3`), so a watch event's row (which
 * comes without column definitions after a watch's first event) needs no definitions to be read.
 */

export const TABLE_ACCEPT = 'application/json;as=Table;g=meta.k8s.io;v=v1,application/json';

export interface TableColumnDefinition {
  name?: string;
  type?: string;
  format?: string;
  description?: string;
  priority?: number;
}

export interface TableRow {
  cells?: unknown[];
  object?: KubeObject;
}

export interface Table {
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  columnDefinitions?: TableColumnDefinition[];
  rows?: TableRow[];
}

export function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && (v as Table).kind === 'Table';
}

/** The creation-time column ("Age"): rendered from the object's creationTimestamp, so it stays current. */
function isAge(d: TableColumnDefinition): boolean {
  return (
    d.name === 'Age' &&
    (d.type === 'date' || /creationTimestamp/i.test(d.description ?? '') || d.format === 'date')
  );
}

export const cellKey = (i: number) => `c${i}`;

/** kubectl get's columns of a Table, without its name column (every list shows its own). */
export function tableColumns(defs: readonly TableColumnDefinition[]): Column[] {
  const out: Column[] = [];
  defs.forEach((d, i) => {
    if ((d.priority ?? 0) !== 0 || d.format === 'name') return;
    const type = isAge(d) ? 'age' : d.type === 'integer' || d.type === 'number' ? 'number' : 'text';
    out.push({ key: cellKey(i), label: d.name ?? '', type });
  });
  return out;
}

/** A cell as kubectl prints it: text to its first line break ("…" after), numbers and booleans as text. */
export function cellValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const cut = v.search(/[\f\n\r]/);
    return cut >= 0 ? `${v.slice(0, cut)}...` : v;
  }
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * One Table row as a Wheelhouse row. Its object is the PartialObjectMetadata the server sends by
 * default (includeObject=Metadata): name, namespace, uid, resourceVersion, labels.
 */
export function tableRow(r: TableRow, defs: readonly TableColumnDefinition[] | undefined): Row {
  const obj = r.object ?? {};
  const base = rowOf(obj, { cells: {} });
  const cells: Row['cells'] = {};
  (r.cells ?? []).forEach((c, i) => {
    const d = defs?.[i];
    // Ages as the ISO time they count from: the browser renders them as kubectl does, live.
    cells[cellKey(i)] = d && isAge(d) ? base.created : cellValue(c);
  });
  return { ...base, cells };
}

export function tableRows(t: Table): Row[] {
  return (t.rows ?? []).map((r) => tableRow(r, t.columnDefinitions));
}

/** A watch event's object in Table format: its one row, and its resourceVersion (bookmarks too). */
export function eventRow(t: Table, defs: readonly TableColumnDefinition[] | undefined): Row | undefined {
  const r = t.rows?.[0];
  return r ? tableRow(r, defs) : undefined;
}

export function tableResourceVersion(t: Table): string | undefined {
  return t.rows?.[0]?.object?.metadata?.resourceVersion ?? t.metadata?.resourceVersion;
}
