'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';

/**
 * Posts the token to /api/session; the cookie comes back httpOnly, so this code never stores it.
 * The form itself is a POST too: submitted before hydration (or without JavaScript) it must never
 * become `GET /sign-in?token=…`, which would put the token in history, logs and proxies.
 */
export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const token = String(new FormData(e.currentTarget).get('token') ?? '');
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (res.ok) {
        router.replace(next);
        router.refresh();
        return;
      }
      const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
      setError(body?.error?.message ?? `Sign-in failed (${res.status}).`);
    } catch {
      setError('Wheelhouse could not be reached. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      method="post"
      action="/api/session"
      encType="application/x-www-form-urlencoded"
      onSubmit={submit}
      className="space-y-3"
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <input type="hidden" name="next" value={next} />
      <label htmlFor={id} className="block text-sm font-medium">
        Kubernetes bearer token
      </label>
      <input
        id={id}
        name="token"
        type="password"
        required
        autoComplete="off"
        spellCheck={false}
        className="w-full rounded border border-field bg-transparent px-2 py-1.5 font-mono text-sm"
      />
      <p className="text-xs text-muted">
        A ServiceAccount token (<code>kubectl create token NAME</code>) or an OIDC id token your cluster
        accepts. Wheelhouse acts with it, so you see and do exactly what the cluster lets you.
      </p>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-fg px-3 py-1.5 text-sm font-medium text-canvas disabled:opacity-50"
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
