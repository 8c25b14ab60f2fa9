import { podPath, workloadPath } from '../../links';
import { scopePath } from '../../paths';

/** Kinds whose detail page lives at /c/<context>/<namespace>/<plural>/<name> (this pages). */
const PLURALS = {
  Service: 'services',
  Ingress: 'ingresses',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
} as const;

export type PagedKind = keyof typeof PLURALS | 'Pod';

/** The detail page of a kind Wheelhouse always has a page for. PURE. */
export function pagePath(context: string, namespace: string, kind: PagedKind, name: string): string {
  if (kind === 'Pod') return podPath(context, namespace, name);
  return scopePath(context, namespace, `${PLURALS[kind]}/${encodeURIComponent(name)}`);
}

/** Where the detail page of any object lives, or null when Wheelhouse has no page for its kind. */
export function objectPath(context: string, namespace: string, kind: string, name: string): string | null {
  if (kind === 'Pod' || kind in PLURALS) return pagePath(context, namespace, kind as PagedKind, name);
  return workloadPath(context, namespace, kind, name);
}
