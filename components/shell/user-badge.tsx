'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { closeStreamsForSignOut } from '@/components/live/use-watched-list';

/** Who the cluster says you are; groups on hover. Sign-out only exists where there is a sign-in. */
export function UserBadge({
  username,
  groups,
  canSignOut,
  error,
}: {
  username?: string;
  groups: string[];
  canSignOut: boolean;
  error?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    closeStreamsForSignOut();
    try {
      const res = await fetch('/api/session', { method: 'DELETE' });
      // Single sign-on: the provider's session ends too, and it sends the browser back to sign-in.
      const body = res.status === 200 ? ((await res.json()) as { endSession?: unknown }) : {};
      if (typeof body.endSession === 'string' && /^https?:\/\//.test(body.endSession)) {
        window.location.assign(body.endSession);
        return;
      }
    } catch {
      // Signed out here whatever the provider says: the cookie is already cleared.
    }
    router.replace('/sign-in?reason=signed_out');
    router.refresh();
  }

  const groupText = groups.length ? `Groups: ${groups.join(', ')}` : 'No groups';
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      {username ? (
        <span title={groupText}>
          <span className="text-muted">{canSignOut ? 'Signed in as ' : 'Acting as '}</span>
          <span className="font-medium">{username}</span>
        </span>
      ) : (
        <span className="text-warn" title={error}>
          Identity unknown
        </span>
      )}
      {canSignOut && (
        <button
          type="button"
          onClick={signOut}
          disabled={busy}
          className="rounded border border-neutral-line px-2 py-0.5 hover:bg-hover disabled:opacity-50"
        >
          Sign out
        </button>
      )}
    </div>
  );
}
