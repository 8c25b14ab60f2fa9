'use client';

import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import type { ViewSpec } from '@/lib/live/protocol';
import { topCpu, topMemory } from '@/lib/resources/metrics/history';
import type { PodUsageModel } from '@/lib/resources/metrics/server/metrics-views';
import { fmt, UsageChart } from './usage-bits';

/** A pod's CPU and memory per container against requests and limits, live from the server's poll. */
export function PodUsagePanel({ spec, initial }: { spec: ViewSpec; initial: PodUsageModel }) {
  const { data, error } = useLive<PodUsageModel>(spec, initial);
  const pressed = data.containers.filter((c) => c.memoryPressure !== 'ok');
  return (
    <section aria-labelledby="pod-usage" className="space-y-2">
      <h2 id="pod-usage" className="text-lg font-semibold">
        CPU and memory
      </h2>
      <LiveError error={error} />
      {data.note && <p className="text-sm text-muted">{data.note}</p>}
      {pressed.map((c) => (
        <p
          key={c.name}
          role="alert"
          className="rounded border border-bad-line bg-bad-wash px-3 py-2 text-sm text-bad-ink"
        >
          Container “{c.name}” uses {fmt('memory', c.usage?.memory ?? 0)} of its{' '}
          {fmt('memory', c.limits.memory)} memory limit:{' '}
          {c.memoryPressure === 'critical' ? 'it is about to be OOM-killed' : 'it is nearing the limit'}.
        </p>
      ))}
      {data.total && (
        <>
          <Table aria-label="Usage per container">
            <thead>
              <tr>
                <Th>Container</Th>
                <Th>CPU used</Th>
                <Th>CPU request / limit</Th>
                <Th>Memory used</Th>
                <Th>Memory request / limit</Th>
              </tr>
            </thead>
            <tbody>
              {data.containers.map((c) => (
                <tr key={c.name} data-key={c.name}>
                  <Td className="font-mono text-xs">{c.name}</Td>
                  <Td className="tabular-nums" data-metric="cpu">
                    {c.usage ? topCpu(c.usage.cpu) : '—'}
                  </Td>
                  <Td className="tabular-nums">
                    {fmt('cpu', c.requests.cpu)} / {fmt('cpu', c.limits.cpu)}
                  </Td>
                  <Td className="tabular-nums" data-metric="memory">
                    {c.usage ? topMemory(c.usage.memory) : '—'}{' '}
                    {c.memoryPressure !== 'ok' && (
                      <Badge tone={c.memoryPressure === 'critical' ? 'bad' : 'warn'}>near limit</Badge>
                    )}
                  </Td>
                  <Td className="tabular-nums">
                    {fmt('memory', c.requests.memory)} / {fmt('memory', c.limits.memory)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="flex flex-wrap gap-6 text-sm">
            <div>
              <p className="text-muted">
                CPU, pod total <span className="tabular-nums text-fg">{topCpu(data.total.cpu)}</span>
              </p>
              <UsageChart history={data.history} kind="cpu" what="this pod" />
            </div>
            <div>
              <p className="text-muted">
                Memory, pod total <span className="tabular-nums text-fg">{topMemory(data.total.memory)}</span>
              </p>
              <UsageChart history={data.history} kind="memory" what="this pod" />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
