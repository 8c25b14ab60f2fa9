import { ErrorState } from '@/components/error-state';
import { SecurityPanel } from '@/components/security-panel';
import { type NamespaceExposure, namespaceExposure } from '@/lib/k8s/security';

/** Server component for an overview page: loads and shows the exposure warnings of a namespace. */
export async function NamespaceSecurityPanel({ context, namespace }: { context: string; namespace: string }) {
  let data: NamespaceExposure | undefined;
  let error: unknown;
  try {
    data = await namespaceExposure(context, namespace);
  } catch (e) {
    error = e;
  }
  if (!data) return <ErrorState error={error} context={context} />;
  return <SecurityPanel context={context} warnings={data.warnings} gaps={data.gaps} />;
}
