import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { isAppError } from '@/lib/errors';
import { getContext, listContexts } from '@/lib/k8s/client';
import { listNamespaces, type NamespaceList } from '@/lib/k8s/namespaces';
import { parseScope } from '@/lib/params';

export const dynamic = 'force-dynamic';

export default async function ScopeLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ context: string; namespace: string }>;
}) {
  // proxy.ts already answered 400 for malformed segments; this parse is the same check, kept so
  // the layout never trusts its input.
  const scope = parseScope(await params);
  try {
    getContext(scope.context);
  } catch (e) {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  }
  let namespaces: NamespaceList;
  try {
    namespaces = await listNamespaces(scope.context);
  } catch (e) {
    // An unreachable cluster must not take the shell down: the page below says what is wrong.
    namespaces = { names: [], error: isAppError(e) ? e.message : 'Namespaces could not be listed.' };
  }
  return (
    <AppShell
      contexts={listContexts().map((c) => c.name)}
      context={scope.context}
      namespaceSegment={scope.namespaceSegment}
      namespaces={namespaces}
    >
      {children}
    </AppShell>
  );
}
