import type { V1ObjectMeta, V1OwnerReference } from '@kubernetes/client-node';

/** One table cell. Lists render one item per line; ages are ISO timestamps rendered relative to now. */
export type Cell = string | number | boolean | null | string[];

export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

export interface Column {
  key: string;
  label: string;
  /**
   * How the browser renders and sorts it: `age` cells hold an ISO time, `ratio` cells "ready/total",
   * `restarts` a count shown with the age of the row's `lastRestartAt` cell, as kubectl shows it;
   * `prose` is text that wraps instead of being cut off.
   */
  type: 'text' | 'number' | 'age' | 'list' | 'mono' | 'status' | 'ratio' | 'restarts' | 'prose';
  /**
   * Shown on a line of its own under the row's other cells (and only when it has a value), so a
   * long explanation is read in full without squeezing the columns. Must be the last column.
   */
  below?: boolean;
  /** A grid track of its own (and its minimum width in rem) instead of the type's default. */
  track?: { css: string; minRem: number };
}

/**
 * What the browser gets for one object of any kind: identity, labels (for selectors) and the cells of
 * that kind's columns. Never annotations (last-applied-configuration can hold a Secret's values).
 */
export interface Row {
  key: string;
  uid: string;
  name: string;
  namespace: string;
  rv: string;
  created: string | null;
  labels: Record<string, string>;
  /** The tone of the `status` column, if the kind has one. */
  tone?: Tone;
  cells: Record<string, Cell>;
}

/**
 * Any API object as JSON off the wire (watch events, raw lists): timestamps are strings there, while
 * client-node's typed calls give Dates; both are accepted.
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Omit<V1ObjectMeta, 'creationTimestamp' | 'deletionTimestamp' | 'ownerReferences'> & {
    creationTimestamp?: Date | string;
    deletionTimestamp?: Date | string;
    ownerReferences?: V1OwnerReference[];
  };
  [field: string]: unknown;
}

export interface RowView {
  tone?: Tone;
  cells: Record<string, Cell>;
}

export interface RowSpec<T> {
  columns: Column[];
  view: (obj: T) => RowView;
}
