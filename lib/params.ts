import { z } from 'zod';
import { AppError } from './errors';

import { ALL_NAMESPACES } from './paths';

export { ALL_NAMESPACES, scopePath } from './paths';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const namespaceName = z
  .string()
  .min(1, 'a namespace name cannot be empty')
  .max(63, 'a namespace name has at most 63 characters')
  .regex(
    LABEL,
    'a namespace name is a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit',
  );

export const objectName = z
  .string()
  .min(1, 'a name cannot be empty')
  .max(253, 'a name has at most 253 characters')
  .refine(
    (s) => s.split('.').every((part) => part.length <= 63 && LABEL.test(part)),
    'a name is a DNS-1123 subdomain: lower-case letters, digits, "-" and "."',
  );

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A Service name is a DNS-1035 label, as the API server checks it: it must start with a letter. */
export const serviceName = z
  .string()
  .min(1, 'a name cannot be empty')
  .max(63, 'a Service name has at most 63 characters')
  .regex(
    DNS1035,
    'a Service name is a DNS-1035 label: lower-case letters, digits and "-", starting with a letter and ending with a letter or digit',
  );

/**
 * The name rule of a kind (by URL slug), as the API server applies it: Services are DNS-1035 labels,
 * Namespaces DNS-1123 labels, every other kind Wheelhouse shows a DNS-1123 subdomain.
 */
export function nameRule(slug: string): z.ZodType<string> {
  if (slug === 'services') return serviceName;
  if (slug === 'namespaces') return namespaceName;
  return objectName;
}

/** Context names come from kubeconfig files and may hold ':', '@', '/'. Only refuse what cannot be one. */
export const contextName = z
  .string()
  .min(1, 'a context name cannot be empty')
  .max(253, 'a context name has at most 253 characters')
  .refine(
    (s) => ![...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f),
    'a context name cannot contain control characters',
  );

export const namespaceScope = z.union([z.literal(ALL_NAMESPACES), namespaceName]);

/** Route segments arrive percent-encoded in some Next.js paths and decoded in others. */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError(400, 'The address contains a malformed percent-encoding.', 'bad_request');
  }
}

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new AppError(
    400,
    `Invalid ${what} "${String(value).slice(0, 80)}": ${issue?.message ?? 'not valid'}.`,
    'bad_request',
  );
}

export interface ScopeParams {
  context: string;
  /** undefined means all namespaces */
  namespace: string | undefined;
  namespaceSegment: string;
}

export function parseScope(raw: { context: string; namespace: string }): ScopeParams {
  const context = parseOrThrow(contextName, decodeSegment(raw.context), 'context');
  const segment = parseOrThrow(namespaceScope, decodeSegment(raw.namespace), 'namespace');
  return { context, namespace: segment === ALL_NAMESPACES ? undefined : segment, namespaceSegment: segment };
}

/**
 * Why an address cannot name anything (a sentence for a 400), checked in proxy.ts before routing
 * because a server component can only answer 404 or 500: the context and namespace segments, every
 * later segment's percent-encoding, and an object name by the rules of its kind
 * (`…/<kind>/<name>` and `…/workloads/<kind>/<name>`, for pages and /api alike).
 */
export function badAddress(pathname: string): string | undefined {
  const parts = pathname.split('/');
  const isApi = parts[1] === 'api';
  if (parts[isApi ? 2 : 1] !== 'c') return undefined;
  const [context, namespace] = isApi ? [parts[3], parts[4]] : [parts[2], parts[3]];
  if (context === undefined || namespace === undefined) return undefined;
  try {
    parseScope({ context, namespace });
    const rest = parts.slice(isApi ? 5 : 4).map(decodeSegment);
    const [first, second, third] = rest;
    if (first === 'workloads') {
      if (third) parseOrThrow(objectName, third, 'name');
    } else if (first !== undefined && second) {
      parseOrThrow(nameRule(first), second, 'name');
    }
    return undefined;
  } catch (e) {
    return e instanceof AppError ? e.message : 'The address is not valid.';
  }
}
