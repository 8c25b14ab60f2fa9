/**
 * What a write would change, field by field: the object the API server would store (from a dry run)
 * against the live one, with noise left out and Secret values never shown. PURE.
 */

export type Obj = Record<string, unknown>;

export interface Change {
  /** Readable path: `spec.template.spec.containers[name=web].image`, `metadata.labels["app.kubernetes.io/name"]`. */
  path: string;
  op: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
  /**
   * The stored value is not what the user wrote there: a default or a mutating admission plugin
   * set it. Only known when the submitted object is given.
   */
  byServer?: boolean;
}

/** Fields every write changes or the server owns; showing them would hide the real change. */
const NOISE = new Set(['metadata.managedFields', 'metadata.resourceVersion', 'metadata.generation']);
/** On a create everything is new; these only say "the server made it". */
const CREATE_NOISE = new Set(['metadata.uid', 'metadata.creationTimestamp', 'status']);

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function isRecord(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function keyPart(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Arrays of named items (containers, ports, env, volumes) are matched by name, like a strategic merge. */
function itemKey(item: unknown, i: number): string {
  if (isRecord(item) && typeof item.name === 'string' && item.name) return `[name=${item.name}]`;
  return `[${i}]`;
}

function render(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (v === null) return 'null';
  if (Array.isArray(v)) return '[]';
  if (isRecord(v)) return '{}';
  return String(v);
}

/** Path → rendered leaf value; empty maps and lists are leaves too, so `{}` → `{a: 1}` shows. */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) out.set(prefix, '[]');
    const seen = new Set<string>();
    value.forEach((item, i) => {
      let k = itemKey(item, i);
      if (seen.has(k)) k = `[${i}]`;
      seen.add(k);
      flatten(item, `${prefix}${k}`, out);
    });
  } else if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, '{}');
    for (const k of keys) {
      const p = prefix ? `${prefix}${keyPart(k)}` : k;
      flatten(value[k], p, out);
    }
  } else if (prefix && value !== undefined) {
    out.set(prefix, render(value));
  }
  return out;
}

function ignored(path: string, creating: boolean): boolean {
  for (const n of creating ? [...NOISE, ...CREATE_NOISE] : NOISE) {
    if (path === n || path.startsWith(`${n}.`) || path.startsWith(`${n}[`)) return true;
  }
  return false;
}

function hiddenSize(b64: unknown): number {
  if (typeof b64 !== 'string') return 0;
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((b64.length * 3) / 4) - pad);
}

/**
 * Secret values replaced by markers that say only the size and whether the value changed, so a
 * diff (and its audit record) never carries a value. Non-Secrets are returned as they are.
 */
export function redactSecretPair(before: Obj | undefined, after: Obj): { before?: Obj; after: Obj } {
  if (after.kind !== 'Secret') return { before, after };
  const b = before ? structuredClone(before) : undefined;
  const a = structuredClone(after);
  const bData = (isRecord(b?.data) ? b.data : {}) as Obj;
  const aData = (isRecord(a.data) ? a.data : {}) as Obj;
  const marker = (v: unknown, changed: boolean) =>
    `‹hidden, ${hiddenSize(v)} bytes${changed ? ', new value' : ''}›`;
  const nb: Obj = {};
  const na: Obj = {};
  for (const [k, v] of Object.entries(bData)) nb[k] = marker(v, false);
  for (const [k, v] of Object.entries(aData)) na[k] = marker(v, k in bData && bData[k] !== v);
  if (b && isRecord(b.data)) b.data = nb;
  if (isRecord(a.data)) a.data = na;
  delete a.stringData;
  if (b) delete b.stringData;
  const lastApplied = (o: Obj | undefined) =>
    isRecord(o?.metadata) && isRecord(o.metadata.annotations) ? o.metadata.annotations : undefined;
  const [ob, oa] = [lastApplied(before)?.[LAST_APPLIED], lastApplied(after)?.[LAST_APPLIED]];
  const rb = lastApplied(b);
  const ra = lastApplied(a);
  if (rb && ob !== undefined) rb[LAST_APPLIED] = '‹hidden: repeats the values›';
  if (ra && oa !== undefined)
    ra[LAST_APPLIED] = `‹hidden: repeats the values${ob !== undefined && ob !== oa ? ', changed' : ''}›`;
  return { before: b, after: a };
}

/**
 * The changes from `before` (the live object; undefined for a create) to `after` (what the server
 * would store). With `submitted` (what the user sent), a stored value the user did not write is
 * marked as set by the server.
 */
export function diffObjects(before: Obj | undefined, after: Obj, submitted?: Obj): Change[] {
  const red = redactSecretPair(before, after);
  const creating = before === undefined;
  const b = red.before ? flatten(red.before) : new Map<string, string>();
  const a = flatten(red.after);
  const s = submitted ? flatten(redactSecretPair(undefined, submitted).after) : undefined;
  const changes: Change[] = [];
  const byServer = (path: string, value: string) => (s ? s.get(path) !== value : undefined);
  for (const [path, value] of a) {
    if (ignored(path, creating)) continue;
    const old = b.get(path);
    if (old === value) continue;
    const c: Change =
      old === undefined
        ? { path, op: 'added', after: value }
        : { path, op: 'changed', before: old, after: value };
    const server = byServer(path, value);
    if (server) c.byServer = true;
    changes.push(c);
  }
  for (const [path, value] of b) {
    if (ignored(path, creating) || a.has(path)) continue;
    changes.push({ path, op: 'removed', before: value });
  }
  return changes;
}

/** The diff as text for the audit record, capped so one record stays one readable line. */
export function diffText(changes: Change[], maxChars = 4000): string {
  const lines = changes.map((c) => {
    const mark = c.byServer ? ' (set by the API server)' : '';
    if (c.op === 'added') return `+ ${c.path}: ${c.after}${mark}`;
    if (c.op === 'removed') return `- ${c.path}: ${c.before}`;
    return `~ ${c.path}: ${c.before} → ${c.after}${mark}`;
  });
  let out = '';
  for (const [i, l] of lines.entries()) {
    const clipped = l.length > 300 ? `${l.slice(0, 300)}…` : l;
    if (out.length + clipped.length + 1 > maxChars) return `${out}… and ${lines.length - i} more changes`;
    out += (out ? '\n' : '') + clipped;
  }
  return out;
}
