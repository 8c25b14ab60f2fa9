'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { useLive } from '@/components/live/use-live';
import { listPath } from '@/lib/links';
import { ALL_NAMESPACES } from '@/lib/paths';
import type { ApiKindsNav as Nav } from '@/lib/resources/api-kinds/discovery';

/**
 * Every other kind the cluster serves, by API group (aggregated discovery and the CRDs), live: the
 * server pushes a new list over the tab's stream when a CRD is established or removed.
 */
export function ApiKindsNav({
  context,
  namespaceSegment,
  initial,
}: {
  context: string;
  namespaceSegment: string;
  initial: Nav;
}) {
  const { data } = useLive<Nav>({ context, view: 'api-kinds', namespace: ALL_NAMESPACES }, initial);
  const pathname = usePathname() ?? '';
  const on = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  // Groups the user opened or closed; otherwise only the current page's group is open. A closed group
  // renders no links, so dozens of kinds cost nothing until wanted (nor match a search of the page).
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  if (data.groups.length === 0) return null;
  return (
    <section aria-labelledby="api-kinds-title" className="mt-4 border-t border-line pt-2">
      <h2 id="api-kinds-title" className="px-2 py-1 text-xs font-semibold tracking-wide text-muted uppercase">
        API kinds
      </h2>
      {data.groups.map((g) => {
        const hrefs = g.kinds.map((k) => listPath(context, namespaceSegment, k.slug));
        const current = hrefs.some(on);
        const open = toggled.get(g.group) ?? current;
        return (
          <details
            key={g.group || 'core'}
            open={open}
            onToggle={(e) => {
              const now = e.currentTarget.open;
              if (now !== open) setToggled((m) => new Map(m).set(g.group, now));
            }}
            className="text-sm"
          >
            <summary
              title={g.group || 'core'}
              className="cursor-pointer truncate rounded px-2 py-1 text-fg hover:bg-hover"
            >
              {g.group || 'core'}
            </summary>
            {open && (
              <ul className="space-y-0.5 pl-3">
                {g.kinds.map((k, i) => (
                  <li key={k.slug}>
                    <Link
                      href={hrefs[i] ?? '#'}
                      aria-current={on(hrefs[i] ?? '') ? 'page' : undefined}
                      className="flex items-baseline justify-between gap-1 rounded px-2 py-0.5 text-fg no-underline hover:bg-hover"
                    >
                      <span className="truncate" title={k.label}>
                        {k.label}
                      </span>
                      {!k.namespaced && <span className="shrink-0 text-xs text-muted">cluster</span>}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </details>
        );
      })}
    </section>
  );
}
