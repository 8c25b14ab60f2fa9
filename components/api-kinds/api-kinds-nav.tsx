'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useLive } from '@/components/use-live';
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
  const pathname = usePathname();
  if (data.groups.length === 0) return null;
  return (
    <section aria-labelledby="api-kinds-title" className="mt-4 border-t border-line pt-2">
      <h2 id="api-kinds-title" className="px-2 py-1 text-xs font-semibold tracking-wide text-muted uppercase">
        API kinds
      </h2>
      {data.groups.map((g) => {
        const hrefs = g.kinds.map((k) => listPath(context, namespaceSegment, k.slug));
        const current = hrefs.some((h) => pathname?.startsWith(h));
        return (
          <details key={g.group || 'core'} open={current || undefined} className="text-sm">
            <summary
              title={g.group || 'core'}
              className="cursor-pointer truncate rounded px-2 py-1 text-fg hover:bg-hover"
            >
              {g.group || 'core'}
            </summary>
            <ul className="space-y-0.5 pl-3">
              {g.kinds.map((k, i) => (
                <li key={k.slug}>
                  <Link
                    href={hrefs[i] ?? '#'}
                    aria-current={pathname?.startsWith(hrefs[i] ?? '') ? 'page' : undefined}
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
          </details>
        );
      })}
    </section>
  );
}
