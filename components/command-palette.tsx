'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { kindBySlug } from '@/lib/k8s/kinds';
import type { SearchHit } from '@/lib/k8s/search-match';
import { scopePath } from '@/lib/paths';

interface Result {
  hits: SearchHit[];
  skipped: string[];
}

/** Ctrl-K (⌘K): jump to any object by name or label selector, across every kind. */
export function CommandPalette({ context, namespaceSegment }: { context: string; namespaceSegment: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const inputId = useId();
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

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="ml-auto rounded border border-zinc-300 px-2 py-1 text-sm text-zinc-500 hover:text-zinc-900 dark:border-zinc-700 dark:hover:text-zinc-100"
      >
        Search <kbd className="ml-1 font-mono text-xs">Ctrl K</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label="Search"
        className="mx-auto mt-24 w-[40rem] max-w-[90vw] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/30 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
      >
        <div className="border-b border-zinc-200 p-3 dark:border-zinc-800">
          <label htmlFor={inputId} className="sr-only">
            Search objects
          </label>
          <input
            id={inputId}
            value={q}
            autoComplete="off"
            placeholder="Name, or a label selector such as app=web"
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
              else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
              else if (e.key === 'Enter') go(hits[active]);
              else return;
              e.preventDefault();
            }}
            className="w-full bg-transparent px-1 py-1 text-base outline-none"
          />
        </div>
        {error && (
          <p role="alert" className="p-3 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        {result && (
          <ul aria-label="Results" className="max-h-96 overflow-auto p-1">
            {hits.length === 0 && <li className="p-2 text-sm text-zinc-500">Nothing matches.</li>}
            {hits.map((h, i) => (
              <li key={`${h.kind}/${h.namespace}/${h.name}`}>
                <a
                  href={hrefOf(h)}
                  aria-current={i === active ? 'true' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    go(h);
                  }}
                  className={`flex items-baseline gap-2 rounded px-2 py-1.5 text-sm ${
                    i === active
                      ? 'bg-sky-100 dark:bg-sky-900/40'
                      : 'hover:bg-zinc-100 dark:hover:bg-zinc-900'
                  }`}
                >
                  <span className="w-32 shrink-0 text-xs text-zinc-500">
                    {kindBySlug(h.kind)?.kind ?? h.kind}
                  </span>
                  <span className="font-medium">{h.name}</span>
                  {h.namespace && <span className="text-xs text-zinc-500">{h.namespace}</span>}
                </a>
              </li>
            ))}
            {result.skipped.length > 0 && (
              <li className="p-2 text-xs text-zinc-500">
                Not searched (not allowed or not loaded): {result.skipped.join(', ')}
              </li>
            )}
          </ul>
        )}
      </dialog>
    </>
  );
}
