import Link from 'next/link';
import type { ReactNode } from 'react';
import { ConnectionStatus } from '@/components/live/connection-status';
import { CommandPalette } from '@/components/shell/command-palette';
import { ScopeSwitcher } from '@/components/shell/scope-switcher';
import { createPath } from '@/lib/links';
import { scopePath } from '@/lib/paths';
import { KINDS } from '@/lib/resources/lists/kinds';
import type { NamespaceList } from '@/lib/resources/namespaces/server/namespaces';

const nav = [
  { label: 'Overview', path: 'overview' },
  { label: 'Deployments', path: 'deployments' },
  // Every other kind of the live lists (lib/resources/lists/kinds.ts), in registry order.
  ...KINDS.filter((k) => k.slug !== 'deployments').map((k) => ({
    label: k.navLabel ?? k.label,
    path: k.slug,
  })),
  { label: 'Storage', path: 'storage' },
  { label: 'Security', path: 'security' },
  { label: 'Audit', path: 'audit' },
];

export function AppShell({
  contexts,
  context,
  namespaceSegment,
  namespaces,
  account,
  apiKinds,
  children,
}: {
  contexts: string[];
  context: string;
  namespaceSegment: string;
  namespaces: NamespaceList;
  /** Who am I, at the end of the header. */
  account?: ReactNode;
  /** The kinds found by discovery (components/api-kinds), under Wheelhouse's own. */
  apiKinds?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      {/* The first Tab stop: past the header and the resource list, straight to the page. */}
      <a
        href="#main"
        className="sr-only rounded bg-canvas px-3 py-2 text-fg focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <header className="flex flex-wrap items-center gap-4 border-b border-line px-4 py-2">
        <Link href="/" className="text-lg font-semibold tracking-tight text-fg no-underline">
          Wheelhouse
        </Link>
        <ScopeSwitcher
          contexts={contexts}
          context={context}
          namespaceSegment={namespaceSegment}
          namespaces={namespaces.names}
          namespacesError={namespaces.error}
        />
        <CommandPalette context={context} namespaceSegment={namespaceSegment} />
        <Link
          href={createPath(context, namespaceSegment)}
          className="rounded border border-neutral-line px-2 py-1 text-sm hover:bg-hover"
        >
          Create
        </Link>
        <ConnectionStatus />
        {account}
      </header>
      <div className="flex flex-1">
        <nav aria-label="Resources" className="w-48 shrink-0 border-r border-line p-2">
          <ul className="space-y-1">
            {nav.map((item) => (
              <li key={item.path}>
                <Link
                  href={scopePath(context, namespaceSegment, item.path)}
                  className="block rounded px-2 py-1 text-sm text-fg no-underline hover:bg-hover"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
          {apiKinds}
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
