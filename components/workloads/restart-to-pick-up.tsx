'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { callJson } from '@/lib/client-actions';

/** One click: a rollout restart (the existing audited action), with the reason filled in. */
export function RestartToPickUp({
  api,
  generation,
  names,
}: {
  api: string;
  generation: number;
  names: string[];
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  async function restart() {
    setBusy(true);
    const r = await callJson<{ message: string }>(`${api}/restart`, {
      method: 'POST',
      body: { generation, reason: `pick up changed ${names.join(', ')}`.slice(0, 500) },
    });
    setBusy(false);
    setMessage(r.ok ? r.data.message : r.error.message);
    router.refresh();
  }
  return (
    <div className="flex items-center gap-2">
      <Button variant="primary" disabled={busy} onClick={restart}>
        Restart to pick up
      </Button>
      {message && <span role="status">{message}</span>}
    </div>
  );
}
