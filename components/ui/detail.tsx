import type { ReactNode } from 'react';

/** Layout primitives for object detail pages: a titled section and a definition list of fields. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-heading`;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h2 id={headingId} className="text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Fields({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <p className="text-sm text-muted">{children}</p>;
}

export function DetailHeader({ kind, name, namespace }: { kind: string; name: string; namespace: string }) {
  return (
    <header className="space-y-0.5">
      <p className="text-xs font-medium tracking-wide text-muted uppercase">
        {kind} · namespace {namespace}
      </p>
      <h1 id="page-title" className="text-xl font-semibold break-all">
        {name}
      </h1>
    </header>
  );
}

export function LabelList({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="text-muted">none</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <li key={k} className="rounded bg-sunken px-1.5 py-0.5 font-mono text-xs">
          {k}={v}
        </li>
      ))}
    </ul>
  );
}
