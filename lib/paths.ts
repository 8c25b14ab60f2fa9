/**
 * URL building shared by server and browser code. Kept apart from params.ts so that pages' client
 * bundles do not carry zod, which only the server needs.
 */

/** The URL segment that stands for every namespace; `_` cannot start a namespace, so it never collides. */
export const ALL_NAMESPACES = '_all';

export function scopePath(context: string, namespaceSegment: string, rest = ''): string {
  return `/c/${encodeURIComponent(context)}/${encodeURIComponent(namespaceSegment)}${rest ? `/${rest}` : ''}`;
}
