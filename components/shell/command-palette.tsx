'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { scopePath } from '@/lib/paths';
import type { SearchHit } from '@/lib/resources/search/match';

interface Result {
  hits: SearchHit[];
  skipped: string[];
}

/**
 * Ctrl-K (⌘K): jump to any object by name or label selector, across every kind. Keyboard: Enter
 * opens the first result; Down moves focus into the results and Up/Down through them (Up from the
 * first goes back to the input); Escape closes and the native <dialog> puts focus back where it was.
 */
export function CommandPalette({ context, namespaceSegment }: { context: string; namespaceSegment: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const [q, setQ] = useState('');
  const [result, setResult] = useState<Result | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [active, setActive] = useState(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        dialog.current?.showModal();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!q.trim()) {
      setResult(undefined);
      setError(undefined);
      return;
    }
    const abort = new AbortController();
    const t = setTimeout(async () => {
      try {
        const res = await fetch(
          `/api${scopePath(context, namespaceSegment, 'search')}?q=${encodeURIComponent(q)}`,
          { signal: abort.signal },
        );
        const body = await res.json();
        if (!res.ok) {
          setError(body?.error?.message ?? 'Search failed.');
          setResult(undefined);
        } else {
          setError(undefined);
          setResult(body as Result);
          setActive(0);
        }
      } catch {
        // aborted by the next keystroke
      }
    }, 150);
    return () => {
      clearTimeout(t);
      abort.abort();
    };
  }, [q, context, namespaceSegment]);

  const hrefOf = (h: SearchHit) =>
    scopePath(context, h.namespace || namespaceSegment, `${h.kind}/${encodeURIComponent(h.name)}`);
  const go = (h: SearchHit | undefined) => {
    if (!h) return;
    dialog.current?.close();
    router.push(hrefOf(h));
  };
  const hits = result?.hits ?? [];
  const focusHit = (i: number) => {
    if (i < 0) return input.current?.focus();
    const target = links.current[Math.min(i, hits.length - 1)];
    if (target) {
      setActive(Math.min(i, hits.length - 1));
      target.focus();
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        className="ml-auto rounded border border-neutral-line px-2 py-1 text-sm text-muted hover:text-fg"
      >
        Search <kbd className="ml-1 font-mono text-xs">Ctrl K</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label="Search"
        className="mx-auto mt-24 w-[40rem] max-w-[90vw] rounded-lg border border-line bg-canvas p-0 text-fg shadow-xl backdrop:bg-black/50"
      >
        <div className="border-b border-line p-3">
          <label htmlFor={inputId} className="sr-only">
            Search objects
          </label>
          <input
            ref={input}
            id={inputId}
            aria-describedby={hintId}
            value={q}
            autoComplete="off"
            placeholder="Name, or a label selector such as app=web"
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') focusHit(0);
              else if (e.key === 'Enter') go(hits[active]);
              else return;
              e.preventDefault();
            }}
            className="w-full rounded bg-transparent px-1 py-1 text-base"
          />
          <p id={hintId} className="sr-only">
            Enter opens the first result; the arrow keys move through the results.
          </p>
        </div>
        {error && (
          <p role="alert" className="p-3 text-sm text-bad">
            {error}
          </p>
        )}
        {result && (
          <p role="status" className="sr-only">
            {hits.length === 1 ? '1 result' : `${hits.length} results`}
          </p>
        )}
        {result && (
          <ul aria-label="Results" className="max-h-96 overflow-auto p-1">
            {hits.length === 0 && <li className="p-2 text-sm text-muted">Nothing matches.</li>}
            {hits.map((h, i) => (
              <li key={`${h.kind}/${h.namespace}/${h.name}`}>
                <a
                  ref={(el) => {
                    links.current[i] = el;
                  }}
                  href={hrefOf(h)}
                  aria-current={i === active ? 'true' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    go(h);
                  }}
                  onFocus={() => setActive(i)}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowDown') focusHit(i + 1);
                    else if (e.key === 'ArrowUp') focusHit(i - 1);
                    else return;
                    e.preventDefault();
                  }}
                  className={`flex items-baseline gap-2 rounded px-2 py-1.5 text-sm text-fg no-underline ${
                    i === active ? 'bg-info-soft' : 'hover:bg-hover'
                  }`}
                >
                  <span className="w-32 shrink-0 text-xs text-muted">{h.kindName ?? h.kind}</span>
                  <span className="font-medium">{h.name}</span>
                  {h.namespace && <span className="text-xs text-muted">{h.namespace}</span>}
                </a>
              </li>
            ))}
            {result.skipped.length > 0 && (
              <li className="p-2 text-xs text-muted">
                Not searched (not allowed or not loaded): {result.skipped.join(', ')}
              </li>
            )}
          </ul>
        )}
      </dialog>
    </>
  );
}
