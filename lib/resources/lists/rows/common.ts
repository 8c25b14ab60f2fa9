import type { V1Container, V1LabelSelector, V1OwnerReference } from '@kubernetes/client-node';
import { toIso } from '../../objects/iso';
import { intern, internRecord } from './intern';
import type { KubeObject, Row, RowView } from './types';

export { toIso };

export function rowOf(obj: KubeObject, view: RowView): Row {
  const m = obj.metadata ?? {};
  const namespace = intern(m.namespace ?? '');
  const name = m.name ?? '';
  const created = toIso(m.creationTimestamp);
  return {
    key: namespace ? `${namespace}/${name}` : name,
    uid: m.uid ?? '',
    name,
    namespace,
    rv: m.resourceVersion ?? '',
    created: created === null ? null : intern(created),
    labels: internRecord(m.labels ?? {}),
    ...(view.tone ? { tone: view.tone } : {}),
    cells: internRecord(view.cells),
  };
}

export function images(containers: V1Container[] | undefined): string[] {
  return [...new Set((containers ?? []).map((c) => c.image ?? '').filter(Boolean))];
}

/** "Deployment/web" for the controlling owner, else the first owner, else null. */
export function owner(refs: V1OwnerReference[] | undefined): string | null {
  const o = refs?.find((r) => r.controller) ?? refs?.[0];
  return o ? `${o.kind}/${o.name}` : null;
}

export function ratio(ready: number, total: number): string {
  return `${ready}/${total}`;
}

export function toneOfRatio(ready: number, total: number): 'good' | 'warn' | 'bad' {
  if (total === 0 || ready >= total) return 'good';
  return ready === 0 ? 'bad' : 'warn';
}

export function mapPairs(m: Record<string, string> | undefined): string[] {
  return Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`);
}

/** matchLabels and matchExpressions as kubectl prints them. */
export function selectorText(s: V1LabelSelector | undefined): string[] {
  if (!s) return [];
  const exprs = (s.matchExpressions ?? []).map((e) => {
    const values = (e.values ?? []).join(',');
    switch (e.operator) {
      case 'In':
        return `${e.key} in (${values})`;
      case 'NotIn':
        return `${e.key} notin (${values})`;
      case 'Exists':
        return e.key;
      default:
        return `!${e.key}`;
    }
  });
  return [...mapPairs(s.matchLabels), ...exprs];
}

/** Kubernetes quantities stay as the API wrote them ("10Gi", "500m"); sorting treats them as text. */
export function quantity(q: unknown): string | null {
  if (typeof q === 'string') return q;
  if (typeof q === 'number') return String(q);
  return null;
}

/** Decoded size of a base64 value without decoding it (the value itself never leaves this function). */
export function base64Bytes(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
