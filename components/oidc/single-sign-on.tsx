/**
 * The OIDC sign-in: a plain link (works before and without JavaScript) to the route that sends the
 * browser to the provider. The cluster, not Wheelhouse, then decides what the person may see.
 */
export function SingleSignOn({ next, provider }: { next: string; provider?: string }) {
  const href = `/api/session/oidc?${new URLSearchParams({ next })}`;
  return (
    <div className="space-y-3">
      <a
        href={href}
        className="inline-block rounded bg-fg px-3 py-1.5 text-sm font-medium text-canvas no-underline"
      >
        Sign in with single sign-on
      </a>
      <p className="text-xs text-muted">
        {provider ? (
          <>
            You sign in at <span className="font-medium">{provider}</span>.{' '}
          </>
        ) : null}
        Wheelhouse then acts with your identity, so you see and do exactly what the cluster lets your account
        and groups do.
      </p>
    </div>
  );
}
