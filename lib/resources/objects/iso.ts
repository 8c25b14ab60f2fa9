/**
 * Small view models: what the browser gets instead of raw API objects. Pure functions, so they run
 * in unit tests, on the server and in the watch cache alike.
 */

/** client-node deserialises timestamps to Date; watch events and JSON give strings. */
export function toIso(t: Date | string | undefined | null): string | null {
  if (!t) return null;
  const d = t instanceof Date ? t : new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
