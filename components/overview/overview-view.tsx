'use client';

import Link from 'next/link';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { EventsTable } from '@/components/objects/events-table';
import { HealthBadge, WorkloadHealthBadge } from '@/components/pods/health-badge';
import { PodRowsTable } from '@/components/pods/pods-table';
import { Callout } from '@/components/ui/callout';
import { Table, Td, Th } from '@/components/ui/table';
import { podPath, workloadPath } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import type { OverviewData } from '@/lib/resources/overview/overview';
import type { WorkloadRow } from '@/lib/resources/workloads/model';

function WorkloadsTable({
  rows,
  context,
  showNamespace,
}: {
  rows: WorkloadRow[];
  context: string;
  showNamespace: boolean;
}) {
  if (rows.length === 0) return <p className="text-sm text-muted">No workloads here.</p>;
  return (
    <Table aria-label="Workloads">
      <thead>
        <tr>
          <Th>Health</Th>
          {showNamespace && <Th>Namespace</Th>}
          <Th>Kind</Th>
          <Th>Name</Th>
          <Th>Ready</Th>
          <Th>Diagnosis</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((w) => (
          <tr key={w.uid} data-key={`${w.kind}/${w.namespace}/${w.name}`}>
            <Td>
              <WorkloadHealthBadge health={w.health} />
            </Td>
            {showNamespace && <Td className="text-muted">{w.namespace}</Td>}
            <Td className="text-muted">{w.kind}</Td>
            <Td className="font-medium">
              <Link href={workloadPath(context, w.namespace, w.kind, w.name) ?? '#'}>{w.name}</Link>
            </Td>
            <Td className="tabular-nums">
              {w.desired === null
                ? `${w.podCount} ${w.podCount === 1 ? 'pod' : 'pods'}`
                : `${w.ready}/${w.desired}`}
            </Td>
            <Td>
              <p>{w.summary}</p>
              {w.pods.length > 0 && (
                <ul aria-label={`Problem pods of ${w.name}`} className="mt-1 space-y-1">
                  {w.pods.map((p) => (
                    <li key={p.uid} className="flex flex-wrap items-baseline gap-2 text-xs">
                      <HealthBadge health={p.health} />
                      <Link href={podPath(context, p.namespace, p.name)} className="font-mono">
                        {p.name}
                      </Link>
                      <span className="text-fg">{p.health.summary}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function OverviewView({
  spec,
  initial,
  context,
  showNamespace,
}: {
  spec: ViewSpec;
  initial: OverviewData;
  context: string;
  showNamespace: boolean;
}) {
  const { data, error } = useLive<OverviewData>(spec, initial);
  const counts = { failing: 0, degraded: 0, healthy: 0 };
  for (const w of data.workloads) counts[w.health]++;
  return (
    <div className="space-y-6">
      <LiveError error={error} />
      <p className="text-sm">
        {data.workloads.length} workloads: <span className="text-bad">{counts.failing} failing</span>,{' '}
        <span className="text-warn">{counts.degraded} degraded</span>, {counts.healthy} healthy ·{' '}
        {data.problemPods.length} of {data.podCount} pods need attention
      </p>
      {data.gaps.length > 0 && (
        <Callout tone="info" title="Partly shown">
          <ul className="list-disc pl-5">
            {data.gaps.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </Callout>
      )}
      <section aria-labelledby="workloads-title" className="space-y-2">
        <h2 id="workloads-title" className="text-lg font-semibold">
          Workloads
        </h2>
        <WorkloadsTable rows={data.workloads} context={context} showNamespace={showNamespace} />
      </section>
      <section aria-labelledby="problems-title" className="space-y-2">
        <h2 id="problems-title" className="text-lg font-semibold">
          Problem pods
        </h2>
        {data.problemPods.length ? (
          <PodRowsTable
            rows={data.problemPods}
            now={data.now}
            showNamespace={showNamespace}
            context={context}
            label="Problem pods"
          />
        ) : (
          <p className="text-sm text-muted">No pod needs attention.</p>
        )}
      </section>
      <section aria-labelledby="warnings-title" className="space-y-2">
        <h2 id="warnings-title" className="text-lg font-semibold">
          Recent warnings
        </h2>
        <EventsTable events={data.warnings} now={data.now} label="Recent warnings" showObject />
      </section>
      <section aria-labelledby="nodes-title" className="space-y-2">
        <h2 id="nodes-title" className="text-lg font-semibold">
          Nodes
        </h2>
        {data.nodes === null ? (
          <p className="text-sm text-muted">Node status is not available to you.</p>
        ) : data.nodes.attention.length === 0 ? (
          <p className="text-sm">All {data.nodes.total} nodes are ready and schedulable.</p>
        ) : (
          <ul aria-label="Nodes needing attention" className="space-y-1 text-sm">
            {data.nodes.attention.map((n) => (
              <li key={n.name}>
                <span className="font-medium">{n.name}</span>:{' '}
                {n.ready !== 'True' ? `not ready (${n.ready}${n.reason ? `, ${n.reason}` : ''})` : 'ready'}
                {n.unschedulable ? ', cordoned' : ''}
                {n.ready !== 'True' && n.message ? ` — ${n.message}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
