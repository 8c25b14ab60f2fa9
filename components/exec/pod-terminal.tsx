'use client';

import dynamic from 'next/dynamic';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EXEC_SHELLS, type ExecShell } from '@/lib/resources/exec/shells';

// xterm.js is large: loaded only when a terminal is opened, never with the page (nor other pages).
const TerminalView = dynamic(() => import('./terminal-view').then((m) => m.TerminalView), {
  ssr: false,
  loading: () => <p className="text-sm text-muted">Loading the terminal…</p>,
});

const SHELL_LABELS: Record<ExecShell, string> = {
  auto: 'bash, else sh',
  bash: 'bash',
  sh: 'sh',
};

export interface PodTerminalProps {
  context: string;
  namespace: string;
  pod: string;
  containers: string[];
  allowed: boolean;
  /** Why a terminal cannot be opened (shown instead of the controls). */
  reason?: string;
  /** The page's CSP nonce: xterm.js adds <style> elements, which the policy admits only with it. */
  nonce: string;
}

/** The pod page's Terminal section: which container and shell, then an audited session in it. */
export function PodTerminal(p: PodTerminalProps) {
  const [container, setContainer] = useState(p.containers[0] ?? '');
  const [shell, setShell] = useState<ExecShell>('auto');
  const [session, setSession] = useState<{ container: string; shell: ExecShell; n: number } | null>(null);
  const ids = { title: useId(), container: useId(), shell: useId() };

  return (
    <section aria-labelledby={ids.title} className="space-y-2">
      <h2 id={ids.title} className="text-lg font-semibold">
        Terminal
      </h2>
      {!p.allowed || p.containers.length === 0 ? (
        <p className="text-sm text-muted">
          {p.containers.length === 0 ? 'This pod has no containers to open a terminal in.' : p.reason}
        </p>
      ) : (
        <>
          <p className="text-sm text-muted">
            A shell in the container, as you: everything typed and shown is recorded in the audit log.
          </p>
          <div className="flex flex-wrap items-end gap-3">
            <label htmlFor={ids.container} className="flex flex-col gap-1 text-sm">
              Container
              <select
                id={ids.container}
                value={container}
                onChange={(e) => setContainer(e.target.value)}
                className="rounded border border-field bg-canvas px-2 py-1"
              >
                {p.containers.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
            <label htmlFor={ids.shell} className="flex flex-col gap-1 text-sm">
              Shell
              <select
                id={ids.shell}
                value={shell}
                onChange={(e) => setShell(e.target.value as ExecShell)}
                className="rounded border border-field bg-canvas px-2 py-1"
              >
                {EXEC_SHELLS.map((s) => (
                  <option key={s} value={s}>
                    {SHELL_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <Button
              variant="primary"
              onClick={() => setSession((s) => ({ container, shell, n: (s?.n ?? 0) + 1 }))}
            >
              {session ? 'Open a new terminal' : 'Open terminal'}
            </Button>
            {session && <Button onClick={() => setSession(null)}>Close terminal</Button>}
          </div>
          {session && (
            <TerminalView
              key={session.n}
              context={p.context}
              namespace={p.namespace}
              pod={p.pod}
              container={session.container}
              shell={session.shell}
              nonce={p.nonce}
            />
          )}
        </>
      )}
    </section>
  );
}
