'use client';

import Link from 'next/link';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { podPath } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import { type PodUsage, topCpu, topMemory } from '@/lib/resources/metrics/history';
import type { TopUsageModel } from '@/lib/resources/metrics/server/metrics-views';

function List({
  title,
  pods,
  kind,
  context,
}: {
  title: string;
  pods: PodUsage[];
  kind: 'cpu' | 'memory';
  context: string;
}) {
  return (
    <div>
      <h3 className="text-sm font-medium">{title}</h3>
      <ol className="mt-1 space-y-0.5 text-sm">
        {pods.map((p) => (
          <li key={`${p.namespace}/${p.name}`} className="flex justify-between gap-3">
            <Link href={podPath(context, p.namespace, p.name)} className="truncate font-mono text-xs">
              {p.namespace}/{p.name}
            </Link>
            <span className="tabular-nums">
              {kind === 'cpu' ? topCpu(p.total.cpu) : topMemory(p.total.memory)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The pods using the most CPU and memory now, as `kubectl top pod --sort-by` lists them. */
export function TopUsagePanel({ spec, initial }: { spec: ViewSpec; initial: TopUsageModel }) {
  const { data, error } = useLive<TopUsageModel>(spec, initial);
  return (
    <section aria-labelledby="top-usage" className="space-y-2">
      <h2 id="top-usage" className="text-lg font-semibold">
        Top pods by CPU and memory
      </h2>
      <LiveError error={error} />
      {data.note ? (
        <p className="text-sm text-muted">{data.note}</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <List title="CPU" pods={data.byCpu} kind="cpu" context={spec.context} />
          <List title="Memory" pods={data.byMemory} kind="memory" context={spec.context} />
        </div>
      )}
    </section>
  );
}
