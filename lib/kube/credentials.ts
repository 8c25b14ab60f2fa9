import 'server-only';
import { createHash } from 'node:crypto';
import { authMode, signsIn } from '../env';
import type { Principal } from './client';
import { requireSession } from './session';

/**
 * Caches of answers that depend on who asks (access reviews, identities, node readiness) are keyed
 * by a hash of the credential, never by context alone: in token mode two people on one context have
 * different rights. Every such cache registers here so a revoked token's entries can all be dropped.
 */

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The credential a call for this context would use: the explicit principal, the session, or the kubeconfig. */
export async function credentialKey(context: string, principal?: Principal): Promise<string> {
  const token = principal?.token ?? (signsIn(authMode()) ? (await requireSession()).token : undefined);
  return `${context}\u0000${token ? tokenHash(token) : 'kubeconfig'}`;
}

// On globalThis: Next bundles route handlers and pages separately, and a revocation must reach both.
const shared = globalThis as typeof globalThis & {
  __wheelhouseCredentialCaches?: Set<{ forget(h: string): void }>;
};
shared.__wheelhouseCredentialCaches ??= new Set();
const registry = shared.__wheelhouseCredentialCaches;

export class CredentialCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2000,
  ) {
    registry.add(this);
  }

  get(credential: string, key: string): T | undefined {
    const k = `${credential}\u0000${key}`;
    const hit = this.entries.get(k);
    if (!hit) return undefined;
    if (Date.now() - hit.at < this.ttlMs) return hit.value;
    this.entries.delete(k);
    return undefined;
  }

  set(credential: string, key: string, value: T): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value ?? '');
    this.entries.set(`${credential}\u0000${key}`, { at: Date.now(), value });
  }

  forget(hash: string): void {
    for (const k of this.entries.keys()) if (k.split('\u0000')[1] === hash) this.entries.delete(k);
  }
}

/** Drops every cached answer given to this token (hash), in every cache: it was revoked. */
export function forgetCredential(hash: string): void {
  for (const c of registry) c.forget(hash);
}
