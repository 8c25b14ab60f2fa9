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
