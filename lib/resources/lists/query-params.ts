import { z } from 'zod';
import { type ListQuery, parseSelector } from './query';

/** The list view's URL query (filter, selector, sort), checked where it enters: the server page. */
export const listQuerySchema = z.object({
  q: z.string().max(200, 'the filter text has at most 200 characters').default(''),
  selector: z.string().max(1000, 'a label selector has at most 1000 characters').default(''),
  sort: z
    .string()
    .max(64)
    .regex(/^[A-Za-z]+$/, 'the sort column is a column key')
    .default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});

/** From URL search params; throws an Error whose message says what is wrong. */
export function parseListQuery(params: Record<string, string | string[] | undefined>): ListQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const r = listQuerySchema.safeParse(flat);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${i?.path.join('.') || 'query'}: ${i?.message ?? 'not valid'}`);
  }
  parseSelector(r.data.selector);
  return r.data;
}

/** Why a label selector is not valid, or undefined when it is. */
export function selectorError(selector: string): string | undefined {
  try {
    parseSelector(selector);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : 'not valid';
  }
}
