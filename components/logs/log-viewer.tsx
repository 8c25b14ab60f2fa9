'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { type LogLine, useLogStream } from '@/components/logs/use-log-stream';
import { Callout } from '@/components/ui/callout';
import { ScrollArea } from '@/components/ui/scroll-area';

/** Lines in the DOM at once; the rest stay in memory for search counts and the download. */
export const MAX_DOM_LINES = 2000;
const TAILS = [100, 500, 1000, 5000];
const POD_COLOURS = [
  'text-series-1',
  'text-series-2',
  'text-series-3',
  'text-series-4',
  'text-series-5',
  'text-series-6',
];

function colourOf(pod: string): string {
  let h = 0;
  for (const ch of pod) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return POD_COLOURS[h % POD_COLOURS.length] ?? '';
}

function Highlighted({ text, term }: { text: string; term: string }) {
  if (!term) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  const lower = text.toLowerCase();
  let i = 0;
  let at = lower.indexOf(term, i);
  while (at !== -1) {
    parts.push(text.slice(i, at), <mark key={at}>{text.slice(at, at + term.length)}</mark>);
    i = at + term.length;
    at = lower.indexOf(term, i);
  }
  parts.push(text.slice(i));
  return <>{parts}</>;
}

function download(lines: LogLine[], name: string) {
  const text = lines.map((l) => (l.pod ? `[${l.pod}] ${l.text}` : l.text)).join('\n');
  const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function LogViewer({
  source,
  containers,
  defaultContainer,
  allowPrevious,
  downloadName,
}: {
  /** API URL of the SSE log route, without query. */
  source: string;
  containers: string[];
  defaultContainer: string;
  allowPrevious: boolean;
  downloadName: string;
}) {
  const ids = { container: useId(), tail: useId(), search: useId() };
  const [container, setContainer] = useState(defaultContainer);
  const [tail, setTail] = useState(500);
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [previous, setPrevious] = useState(false);
  const [paused, setPaused] = useState(false);
  const [search, setSearch] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  const query = new URLSearchParams({
    container,
    tailLines: String(tail),
    follow: String(follow && !previous),
    timestamps: String(timestamps),
    previous: String(previous),
  });
  const { lines, state, message, pending } = useLogStream(`${source}?${query}`, paused);
  const term = search.trim().toLowerCase();
  const matches = useMemo(
    () => (term ? lines.filter((l) => !l.note && l.text.toLowerCase().includes(term)) : []),
    [lines, term],
  );
  const shown = (onlyMatches && term ? matches : lines).slice(-MAX_DOM_LINES);
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  useEffect(() => {
    const el = box.current;
    if (el && atBottom.current && !paused) el.scrollTop = el.scrollHeight;
  });

  const status =
    state === 'connecting'
      ? 'Connecting…'
      : state === 'streaming'
        ? paused
          ? `Paused, ${pending} new lines waiting`
          : follow && !previous
            ? 'Following'
            : 'Loading'
        : (message ?? '');

  return (
    <div className="space-y-3">
      <fieldset aria-label="Log options" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        {containers.length > 1 && (
          <span className="flex items-center gap-1">
            <label htmlFor={ids.container}>Container</label>
            <select
              id={ids.container}
              value={container}
              onChange={(e) => setContainer(e.target.value)}
              className="rounded border border-field bg-transparent px-1 py-0.5"
            >
              {containers.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </span>
        )}
        <span className="flex items-center gap-1">
          <label htmlFor={ids.tail}>Last</label>
          <select
            id={ids.tail}
            value={tail}
            onChange={(e) => setTail(Number(e.target.value))}
            className="rounded border border-field bg-transparent px-1 py-0.5"
          >
            {TAILS.map((n) => (
              <option key={n} value={n}>
                {n} lines
              </option>
            ))}
          </select>
        </span>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />{' '}
          Timestamps
        </label>
        {allowPrevious && (
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} />{' '}
            Previous container
          </label>
        )}
        <button
          type="button"
          onClick={() => setPaused((p) => !p)}
          className="rounded border border-neutral-line px-2 py-0.5"
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <span className="flex items-center gap-1">
          <label htmlFor={ids.search}>Search logs</label>
          <input
            id={ids.search}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="w-48 rounded border border-field bg-transparent px-1 py-0.5"
          />
          {term && <span className="text-muted">{matches.length} matching</span>}
        </span>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} />{' '}
          Only matching lines
        </label>
        <button
          type="button"
          onClick={() => download(lines, downloadName)}
          className="rounded border border-neutral-line px-2 py-0.5"
        >
          Download
        </button>
      </fieldset>
      <p role="status" className="text-xs text-muted">
        {status}
        {lines.length > shown.length &&
          ` · showing the last ${shown.length} of ${lines.length} lines held; Download saves all ${lines.length}`}
      </p>
      {state === 'error' && lines.length === 0 ? (
        <Callout tone="warning" title="No logs">
          <p>{message}</p>
        </Callout>
      ) : (
        <ScrollArea
          ref={box}
          role="log"
          label="Log lines"
          aria-live="off"
          onScroll={(e) => {
            const el = e.currentTarget;
            atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          }}
          className="h-[65vh] rounded-md border border-line bg-sunken p-2 font-mono text-xs leading-5"
        >
          {shown.map((l) => (
            <div key={l.id} className={`break-all whitespace-pre-wrap ${l.note ? 'text-muted italic' : ''}`}>
              {l.pod && <span className={colourOf(l.pod)}>[{l.pod}] </span>}
              <Highlighted text={l.text} term={term} />
            </div>
          ))}
        </ScrollArea>
      )}
    </div>
  );
}
