import { notFound, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ApiKindsNav } from '@/components/api-kinds/api-kinds-nav';
import { AppShell } from '@/components/shell/app-shell';
import { UserBadge } from '@/components/shell/user-badge';
import { authMode, signsIn } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { getContext, listContexts } from '@/lib/kube/client';
import { type Identity, whoAmI } from '@/lib/kube/identity';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { ALL_NAMESPACES, parseScope } from '@/lib/params';
import type { ApiKindsNav as ApiKindsNavModel } from '@/lib/resources/api-kinds/discovery';
import { ensureDiscovery } from '@/lib/resources/api-kinds/server/discovery';
import { listNamespaces, type NamespaceList } from '@/lib/resources/namespaces/server/namespaces';

export const dynamic = 'force-dynamic';

/** How long a page waits for the navigation's discovered kinds before it renders without them. */
const NAV_WAIT_MS = 30;

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
  const tokenMode = signsIn(authMode());
  // Three independent questions, asked at once: a first page load waits for the slowest, not the
  // sum (on a cold server and a busy API server, each is a round trip of its own).
  const [whoAnswer, namespaces, apiKinds] = await Promise.all([
    whoAmI(scope.context).then(
      (who): { who: Identity } | { error: unknown } => ({ who }),
      (error: unknown) => ({ error }),
    ),
    listNamespaces(scope.context).catch(
      // An unreachable cluster must not take the shell down: the page below says what is wrong.
      (e): NamespaceList => ({
        names: [],
        error: isAppError(e) ? e.message : 'Namespaces could not be listed.',
      }),
    ),
    // The navigation's other kinds (aggregated discovery and CRDs), live over the stream from here:
    // a first page of a new server does not wait for discovery; the stream brings them a moment later.
    Promise.race([
      (async (): Promise<ApiKindsNavModel> => {
        const principal = await requestPrincipal();
        await ensureDiscovery(scope.context, principal);
        return loadView<ApiKindsNavModel>(
          { context: scope.context, view: 'api-kinds', namespace: ALL_NAMESPACES },
          principal,
        );
      })(),
      new Promise<ApiKindsNavModel>((resolve) => setTimeout(() => resolve({ groups: [] }), NAV_WAIT_MS)),
    ]).catch(
      // Discovery refused or unreachable: Wheelhouse's own kinds still work; the page says what is wrong.
      (): ApiKindsNavModel => ({ groups: [] }),
    ),
  ]);
  const who = 'who' in whoAnswer ? whoAnswer.who : undefined;
  let whoError: string | undefined;
  if ('error' in whoAnswer) {
    const e = whoAnswer.error;
    // In token mode a 401 means the token died after sign-in (expired, revoked): sign in again.
    if (tokenMode && isAppError(e) && e.status === 401) redirect('/sign-in?reason=rejected');
    whoError = isAppError(e) ? e.message : 'The cluster could not say who you are.';
  }
  return (
    <AppShell
      apiKinds={
        <ApiKindsNav context={scope.context} namespaceSegment={scope.namespaceSegment} initial={apiKinds} />
      }
      contexts={listContexts().map((c) => c.name)}
      context={scope.context}
      namespaceSegment={scope.namespaceSegment}
      namespaces={namespaces}
      account={
        <UserBadge
          username={who?.username}
          groups={who?.groups ?? []}
          canSignOut={tokenMode}
          error={whoError}
        />
      }
    >
      {children}
    </AppShell>
  );
}
