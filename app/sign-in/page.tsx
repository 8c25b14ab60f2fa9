import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SingleSignOn } from '@/components/oidc/single-sign-on';
import { SignInForm } from '@/components/shell/sign-in-form';
import { Callout } from '@/components/ui/callout';
import { authMode, serverEnv, signsIn } from '@/lib/env';
import { currentContext } from '@/lib/kube/client';
import { safeNext } from '@/lib/security';

// The form posts as a navigation when it runs before (or without) JavaScript, and under the site-wide
// `no-referrer` policy a browser sends such a post with `Origin: null`, which the Origin rule refuses.
// `same-origin` still sends nothing to other sites.
export const metadata: Metadata = { title: 'Sign in', referrer: 'same-origin' };
export const dynamic = 'force-dynamic';

const reasons: Record<string, string> = {
  expired: 'Your sign-in has expired. Sign in again to continue.',
  rejected: 'The cluster no longer accepts your token (it expired or was revoked). Sign in again.',
  signed_out: 'You have signed out.',
  invalid: 'The cluster did not accept this token: it may be mistyped, expired or revoked.',
};

/** The provider's host name, shown on the button so people know where they are sent. */
function providerHost(): string | undefined {
  const issuer = serverEnv().WHEELHOUSE_OIDC_ISSUER_URL;
  return issuer ? new URL(issuer).host : undefined;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const mode = authMode();
  if (!signsIn(mode)) redirect('/');
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const next = safeNext(one(sp.next));
  const reason = reasons[one(sp.reason) ?? ''];
  let cluster: string | undefined;
  try {
    cluster = currentContext()?.server;
  } catch {
    cluster = undefined;
  }
  return (
    <main className="mx-auto max-w-lg space-y-6 p-10">
      <header>
        <h1 className="text-2xl font-semibold">Sign in to Wheelhouse</h1>
        {cluster && <p className="mt-1 text-sm text-muted">Cluster: {cluster}</p>}
      </header>
      {reason && (
        <Callout tone="warning" title="Signed out">
          <p>{reason}</p>
        </Callout>
      )}
      {mode === 'oidc' ? <SingleSignOn next={next} provider={providerHost()} /> : <SignInForm next={next} />}
    </main>
  );
}
