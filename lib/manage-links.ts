import { scopePath } from './paths';

/** Every address of the edit, create and delete pages and routes, in one place. PURE. */

export function editPath(context: string, namespaceSegment: string, slug: string, name: string): string {
  return scopePath(context, namespaceSegment, `${slug}/${encodeURIComponent(name)}/edit`);
}

export function createPath(context: string, namespaceSegment: string): string {
  return scopePath(context, namespaceSegment, 'create');
}

export function listPath(context: string, namespaceSegment: string, slug: string): string {
  return scopePath(context, namespaceSegment, slug);
}

/** An object's page: `<plural>/<name>` is served by its specialised page or the generic one. */
export function objectPage(context: string, namespaceSegment: string, slug: string, name: string): string {
  return scopePath(context, namespaceSegment, `${slug}/${encodeURIComponent(name)}`);
}

export function objectApi(
  context: string,
  namespaceSegment: string,
  slug: string,
  name: string,
  rest = '',
): string {
  return `/api${scopePath(context, namespaceSegment, `objects/${slug}/${encodeURIComponent(name)}${rest ? `/${rest}` : ''}`)}`;
}

export function createApi(context: string, namespaceSegment: string): string {
  return `/api${scopePath(context, namespaceSegment, 'objects')}`;
}
