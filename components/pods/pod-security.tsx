import { PodStorageNotice } from '@/components/pods/pod-storage-notice';
import { SecurityPanel } from '@/components/security/security-panel';
import type { PodModel } from '@/lib/live/views/pod';

/** For the pod page: the claims the pod waits for and its exposure warnings, from the pod's view. */
export function PodSecurity({
  context,
  namespace,
  security,
}: {
  context: string;
  namespace: string;
  security: PodModel['security'];
}) {
  return (
    <>
      <PodStorageNotice context={context} namespace={namespace} claims={security.claims} />
      <SecurityPanel context={context} warnings={security.warnings} />
    </>
  );
}
