import { PodStorageNotice } from '@/components/pod-storage-notice';
import { SecurityPanel } from '@/components/security-panel';
import { type PodExposure, podExposure } from '@/lib/k8s/security';

/**
 * For the pod page: the claims the pod waits for and its exposure warnings. Renders nothing when
 * the pod cannot be read: the page around it already says why.
 */
export async function PodSecurity({
  context,
  namespace,
  name,
}: {
  context: string;
  namespace: string;
  name: string;
}) {
  let data: PodExposure;
  try {
    data = await podExposure(context, namespace, name);
  } catch {
    return null;
  }
  return (
    <>
      <PodStorageNotice context={context} namespace={namespace} claimNames={data.claimNames} />
      <SecurityPanel context={context} warnings={data.warnings} />
    </>
  );
}
