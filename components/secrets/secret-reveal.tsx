'use client';

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ScrollArea } from '@/components/ui/scroll-area';
import type { RevealedValue } from '@/lib/resources/secrets/view';

type State =
  | { kind: 'hidden' }
  | { kind: 'loading' }
  | { kind: 'shown'; value: RevealedValue; until: number }
  | { kind: 'error'; message: string };

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`;
}

/**
 * One key of a Secret: the value is fetched only when the user asks (POST, so no prefetch, cache or
 * crawler ever triggers it) and dropped from state, and so from the DOM, after `hideAfterMs`.
 */
export function SecretReveal({
  revealUrl,
  keyName,
  hideAfterMs = 30_000,
}: {
  revealUrl: string;
  keyName: string;
  hideAfterMs?: number;
}) {
  const [state, setState] = useState<State>({ kind: 'hidden' });
  const [now, setNow] = useState(() => Date.now());
  const [copied, setCopied] = useState(false);
  const valueId = useId();
  const box = useRef<HTMLDivElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  /** Hiding unmounts the focused Hide/Copy button; put focus back on Reveal instead of <body>. */
  const hide = useCallback(() => {
    refocus.current = box.current?.contains(document.activeElement) ?? false;
    setState({ kind: 'hidden' });
  }, []);

  useEffect(() => {
    if (state.kind === 'hidden' && refocus.current) {
      refocus.current = false;
      revealButton.current?.focus();
    }
    if (state.kind !== 'shown') return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const timer = setTimeout(hide, Math.max(0, state.until - Date.now()));
    return () => {
      clearInterval(tick);
      clearTimeout(timer);
    };
  }, [state, hide]);

  async function reveal() {
    setState({ kind: 'loading' });
    setCopied(false);
    try {
      const res = await fetch(revealUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ key: keyName }),
        cache: 'no-store',
      });
      const json = (await res.json()) as RevealedValue | { error?: { message?: string } };
      if (!res.ok || !('value' in json)) {
        const message = 'error' in json ? json.error?.message : undefined;
        setState({ kind: 'error', message: message ?? `The reveal failed (${res.status}).` });
        return;
      }
      setNow(Date.now());
      setState({ kind: 'shown', value: json, until: Date.now() + hideAfterMs });
    } catch {
      setState({ kind: 'error', message: 'Wheelhouse could not be reached to reveal the value.' });
    }
  }

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const button = 'rounded border border-neutral-line px-2 py-0.5 text-xs hover:bg-hover';

  if (state.kind === 'shown') {
    const v = state.value;
    const seconds = Math.max(0, Math.ceil((state.until - now) / 1000));
    return (
      <div ref={box} className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className={button} onClick={hide}>
            Hide {keyName}
          </button>
          <button type="button" className={button} onClick={() => copy(v.value)} aria-describedby={valueId}>
            Copy {keyName}
          </button>
          {/* Only "Copied." is announced: a per-second countdown would drown a screen reader. */}
          <span className="text-xs text-muted" aria-live="polite">
            {copied ? 'Copied.' : ''}
          </span>
          <span className="text-xs text-muted">Hides in {seconds} s</span>
        </div>
        {v.encoding === 'base64' && (
          <p className="text-xs text-warn">Binary value ({formatBytes(v.bytes)}), shown as base64.</p>
        )}
        <ScrollArea
          as="pre"
          id={valueId}
          label={`Value of ${keyName}`}
          className="max-h-64 rounded bg-sunken p-2 font-mono text-xs break-all whitespace-pre-wrap"
        >
          {v.value}
        </ScrollArea>
      </div>
    );
  }

  return (
    <div className="space-y-1">
      <button
        ref={revealButton}
        type="button"
        className={button}
        onClick={reveal}
        disabled={state.kind === 'loading'}
        aria-label={`Reveal ${keyName}`}
      >
        {state.kind === 'loading' ? 'Revealing…' : 'Reveal'}
      </button>
      {state.kind === 'error' && (
        <p role="alert" className="text-xs text-bad">
          {state.message}
        </p>
      )}
    </div>
  );
}
