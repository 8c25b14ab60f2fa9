import { Sparkline } from '@/components/ui/sparkline';
import type { Sample } from '@/lib/resources/metrics/history';
import { formatBytes, formatCpu } from '@/lib/resources/nodes/quantities';

export function fmt(kind: 'cpu' | 'memory', n: number | null): string {
  if (n === null) return '—';
  return kind === 'cpu' ? formatCpu(n) : formatBytes(n);
}

/** The history of one resource as a sparkline whose name says what it shows. */
export function UsageChart({
  history,
  kind,
  what,
  max,
}: {
  history: readonly Sample[];
  kind: 'cpu' | 'memory';
  what: string;
  max?: number | null;
}) {
  const values = history.map((s) => s[kind]);
  if (values.length === 0) return null;
  const minutes = Math.max(1, Math.round(((history.at(-1)?.t ?? 0) - (history[0]?.t ?? 0)) / 60_000));
  const label = `${kind === 'cpu' ? 'CPU' : 'Memory'} of ${what} over the last ${minutes} min: now ${fmt(kind, values.at(-1) ?? 0)}, lowest ${fmt(kind, Math.min(...values))}, highest ${fmt(kind, Math.max(...values))}`;
  return <Sparkline values={values} label={label} max={max} />;
}
