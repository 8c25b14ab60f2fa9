import { LiveSecurityPanel } from '@/components/security/live-security-panel';
import { ErrorState } from '@/components/shell/error-state';
import type { ViewSpec } from '@/lib/live/protocol';
import { type NamespaceExposure, namespaceExposure } from '@/lib/resources/security/server/security';

/** Server component for an overview page: loads, then keeps live, the exposure warnings of a namespace. */
export async function NamespaceSecurityPanel({ context, namespace }: { context: string; namespace: string }) {
  let data: NamespaceExposure | undefined;
  let error: unknown;
  try {
    data = await namespaceExposure(context, namespace);
  } catch (e) {
    error = e;
  }
  if (!data) return <ErrorState error={error} context={context} />;
  const spec: ViewSpec = { context, view: 'security', namespace };
  return <LiveSecurityPanel spec={spec} initial={data} context={context} />;
}
