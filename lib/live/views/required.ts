import { AppError } from '../../errors';
import type { ViewInputs } from '../view-cache';

/** A list a view cannot do without: its objects, or the list's own error (403, 404…) as the view's. */
export function required<T>(inputs: ViewInputs, slug: string, namespace?: string): T[] {
  const items = inputs.list<T>(slug, namespace);
  if (items) return items;
  const e = inputs.error(slug, namespace);
  throw new AppError(e?.status ?? 500, e?.message ?? `Could not list ${slug}.`, e?.code);
}
