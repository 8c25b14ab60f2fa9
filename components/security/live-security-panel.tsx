'use client';

import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { SecurityPanel } from '@/components/security/security-panel';
import type { ViewSpec } from '@/lib/live/protocol';
import type { NamespaceExposure } from '@/lib/resources/security/server/security';

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
