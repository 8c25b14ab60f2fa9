import type { V1LabelSelector } from '@kubernetes/client-node';

/**
 * Whether labels match a label selector, as the API server decides for `labelSelector` (matchLabels
 * and matchExpressions ANDed). An absent or empty selector matches nothing here: a workload without
 * one must never claim every object of its namespace.
 */
export function matchesSelector(
  sel: V1LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const ml = Object.entries(sel?.matchLabels ?? {});
  const me = sel?.matchExpressions ?? [];
  if (ml.length === 0 && me.length === 0) return false;
  const l = labels ?? {};
  for (const [k, v] of ml) if (l[k] !== v) return false;
  for (const e of me) {
    const has = Object.hasOwn(l, e.key);
    const values = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(l[e.key] ?? ''))) return false;
    if (e.operator === 'NotIn' && has && values.includes(l[e.key] ?? '')) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}
