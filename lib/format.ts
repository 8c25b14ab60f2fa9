/** kubectl-style ages: 45s, 12m, 3h, 5d, 2y. `now` is passed in so that tests and SSR agree. */
export function formatAge(iso: string | null, now: number): string {
  if (!iso) return '—';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 730) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/**
 * An API message (a scheduler condition, a kubelet reason, an event) made to read as a sentence
 * after our own lead-in: whitespace collapsed, a final full stop, and without the bare text of a
 * wrapped error that names nothing (the scheduler ends "pod has unbound immediate
 * PersistentVolumeClaims. not found": the "not found" is about a StorageClass it does not name).
 * The message as the API gave it stays in the evidence.
 */
export function asSentence(message: string): string {
  const parts = message
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=\.) /);
  const last = parts.at(-1) ?? '';
  // A trailing fragment of one or two lower-case words, with no name, number or quote in it.
  if (parts.length > 1 && /^[a-z]+( [a-z]+)?\.?$/.test(last)) parts.pop();
  const text = parts.join(' ');
  return !text || /[.!?]$/.test(text) ? text : `${text}.`;
}
