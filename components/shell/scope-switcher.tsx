'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useId } from 'react';
import { ALL_NAMESPACES, scopePath } from '@/lib/paths';

/** Context and namespace selectors; switching keeps the current view (the path after the scope). */
export function ScopeSwitcher({
  contexts,
  context,
  namespaceSegment,
  namespaces,
  namespacesError,
}: {
  contexts: string[];
  context: string;
  namespaceSegment: string;
  namespaces: string[];
  namespacesError?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const ctxId = useId();
  const nsId = useId();
  // /c/<ctx>/<ns>/<view...>: keep <view...> across switches.
  const view = pathname.split('/').slice(4, 5).join('/') || 'deployments';

  const options =
    namespaces.includes(namespaceSegment) || namespaceSegment === ALL_NAMESPACES
      ? namespaces
      : [namespaceSegment, ...namespaces];

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <label htmlFor={ctxId} className="text-muted">
        Context
      </label>
      <select
        id={ctxId}
        value={context}
        onChange={(e) => router.push(scopePath(e.target.value, 'default', view))}
        className="rounded border border-field bg-transparent px-2 py-1"
      >
        {contexts.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <label htmlFor={nsId} className="text-muted">
        Namespace
      </label>
      <select
        id={nsId}
        value={namespaceSegment}
        onChange={(e) => router.push(scopePath(context, e.target.value, view))}
        title={namespacesError}
        className="rounded border border-field bg-transparent px-2 py-1"
      >
        <option value={ALL_NAMESPACES}>All namespaces</option>
        {options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      {namespacesError && <span className="text-warn">{namespacesError}</span>}
    </div>
  );
}
