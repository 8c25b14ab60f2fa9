'use client';

import { LiveError } from '@/components/live-error';
import { SecurityPanel } from '@/components/security-panel';
import { useLive } from '@/components/use-live';
import type { NamespaceExposure } from '@/lib/k8s/security';
import type { ViewSpec } from '@/lib/stream-protocol';

/** A namespace's exposure warnings, pushed by the server's security view as workloads change. */
export function LiveSecurityPanel({
  spec,
  initial,
  context,
}: {
  spec: ViewSpec;
  initial: NamespaceExposure;
  context: string;
}) {
  const { data, error } = useLive<NamespaceExposure>(spec, initial);
  return (
    <>
      <LiveError error={error} />
      <SecurityPanel context={context} warnings={data.warnings} gaps={data.gaps} />
    </>
  );
}
