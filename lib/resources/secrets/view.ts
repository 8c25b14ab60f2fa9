import type { V1Secret } from '@kubernetes/client-node';
import { HIDDEN_ANNOTATIONS } from '../../kube/redaction';
import { toIso } from '../objects/iso';

/**
 * What the browser may know about a Secret: its type, key names and byte sizes. Values are dropped
 * here, at the first touch of the API object, so nothing downstream (pages, lists, streams, logs)
 * can leak them by accident. PURE: the generic lists of other kinds can use it too.
 */

export interface SecretKeyInfo {
  name: string;
  bytes: number;
}

export interface SecretRow {
  uid: string;
  namespace: string;
  name: string;
  type: string;
  keys: SecretKeyInfo[];
  createdAt: string | null;
  labels: Record<string, string>;
  /** Annotations minus those known to embed the values (see HIDDEN_ANNOTATIONS). */
  annotations: Record<string, string>;
  hiddenAnnotations: string[];
}

/** Size of base64 text once decoded, without decoding it. */
export function base64Bytes(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  if (clean.length === 0) return 0;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function toSecretRow(s: V1Secret): SecretRow {
  const keys = new Map<string, number>();
  for (const [k, v] of Object.entries(s.data ?? {})) keys.set(k, base64Bytes(v ?? ''));
  // stringData is write-only on the server, but an object built in memory may carry it.
  for (const [k, v] of Object.entries(s.stringData ?? {}))
    keys.set(k, new TextEncoder().encode(v ?? '').length);
  const annotations: Record<string, string> = {};
  const hiddenAnnotations: string[] = [];
  for (const [k, v] of Object.entries(s.metadata?.annotations ?? {})) {
    if (HIDDEN_ANNOTATIONS.includes(k)) hiddenAnnotations.push(k);
    else annotations[k] = v;
  }
  return {
    uid: s.metadata?.uid ?? '',
    namespace: s.metadata?.namespace ?? '',
    name: s.metadata?.name ?? '',
    type: s.type ?? 'Opaque',
    keys: [...keys].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: toIso(s.metadata?.creationTimestamp),
    labels: { ...(s.metadata?.labels ?? {}) },
    annotations,
    hiddenAnnotations,
  };
}

export interface RevealedValue {
  key: string;
  bytes: number;
  /** 'utf8' when the bytes are printable UTF-8 text; otherwise the value is base64. */
  encoding: 'utf8' | 'base64';
  value: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes one value for display: text as text, anything else as base64 so it never breaks the page. */
export function decodeSecretValue(key: string, b64: string): RevealedValue {
  const bytes = Uint8Array.from(atob(b64.replace(/\s/g, '')), (ch) => ch.charCodeAt(0));
  let text: string | undefined;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = undefined;
  }
  // Control characters other than tab/newline/CR are not text a person can read or copy safely.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of the check
  if (text !== undefined && /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) text = undefined;
  return text === undefined
    ? { key, bytes: bytes.length, encoding: 'base64', value: b64.replace(/\s/g, '') }
    : { key, bytes: bytes.length, encoding: 'utf8', value: text };
}
