'use client';

import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { Meter } from '@/components/nodes/nodes-table';
import type { ViewSpec } from '@/lib/live/protocol';
import type { NodeUsageModel } from '@/lib/resources/metrics/server/metrics-views';
import { formatBytes, formatCpu } from '@/lib/resources/nodes/quantities';
import { UsageChart } from './usage-bits';

/** A node's CPU and memory use against allocatable, with the last minutes as charts. */
export function NodeUsagePanel({ spec, initial }: { spec: ViewSpec; initial: NodeUsageModel }) {
  const { data, error } = useLive<NodeUsageModel>(spec, initial);
  return (
    <section aria-labelledby="node-usage" className="space-y-2">
      <h2 id="node-usage" className="text-lg font-semibold">
        CPU and memory used
      </h2>
      <LiveError error={error} />
      {data.note && <p className="text-sm text-muted">{data.note}</p>}
      {data.usage && (
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1">
            <Meter label="CPU used" used={data.usage.cpu} total={data.allocatable.cpu} fmt={formatCpu} />
            <UsageChart history={data.history} kind="cpu" what="this node" />
          </div>
          <div className="space-y-1">
            <Meter
              label="Memory used"
              used={data.usage.memory}
              total={data.allocatable.memory}
              fmt={formatBytes}
            />
            <UsageChart history={data.history} kind="memory" what="this node" />
          </div>
        </div>
      )}
    </section>
  );
}
