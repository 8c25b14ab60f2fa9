'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { EventsTable } from '@/components/objects/events-table';
import { ContainerCard } from '@/components/pods/container-card';
import { PodSecurity } from '@/components/pods/pod-security';
import { Callout } from '@/components/ui/callout';
import { Table, Td, Th } from '@/components/ui/table';
import { HealthBanner } from '@/components/workloads/health-banner';
import { formatAge } from '@/lib/format';
import { podPath, workloadPath } from '@/lib/links';
import type { ViewSpec } from '@/lib/live/protocol';
import type { PodModel } from '@/lib/live/views/pod';
import { scopePath } from '@/lib/paths';
import { restartsText } from '@/lib/resources/pods/status';
import type { PodDetail } from '@/lib/resources/pods/views';

export type PodDetailData = PodModel;

function Owners({ d, context }: { d: PodDetail; context: string }) {
  if (d.owners.length === 0) return <p className="text-sm text-muted">No controller: a bare pod.</p>;
  const ns = d.row.namespace;
  return (
    <nav aria-label="Owner chain" className="text-sm">
      <ol className="flex flex-wrap items-center gap-2">
        <li>
          Pod <span className="font-medium">{d.row.name}</span>
        </li>
        {d.owners.map((o) => {
          const href = workloadPath(context, ns, o.kind, o.name);
          return (
            <li key={`${o.kind}/${o.name}`} className="flex items-center gap-2">
              <span aria-hidden="true" className="text-muted">
                →
              </span>
              {href ? (
                <Link href={href}>
                  {o.kind} {o.name}
                </Link>
              ) : (
                <span>
                  {o.kind} {o.name}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export function PodDetailView({
  spec,
  initial,
  context,
}: {
  spec: ViewSpec;
  initial: PodDetailData;
  context: string;
}) {
  const { data, error } = useLive<PodDetailData>(spec, initial);
  const { detail: d, now } = data;
  const gone = error?.status === 404;
  const facts: [string, ReactNode][] = [
    // kubectl get pods' READY and STATUS, then the phase they are derived from.
    ['Ready', d.row.ready],
    ['Status', d.row.status],
    ['Phase', d.row.phase],
    [
      'Node',
      d.row.node ? (
        <Link key="node" href={scopePath(context, d.row.namespace, 'nodes')}>
          {d.row.node}
        </Link>
      ) : (
        'not scheduled'
      ),
    ],
    ['Pod IPs', d.podIPs.join(', ') || 'none yet'],
    ['Host IP', d.hostIP ?? '—'],
    ['QoS class', d.qosClass ?? '—'],
    ['Service account', d.serviceAccount ?? '—'],
    ['Age', formatAge(d.row.createdAt, now)],
    ['Restarts', restartsText(d.row.restarts, d.row.lastRestartAt, now)],
  ];
  return (
    <div className="space-y-6">
      {gone ? (
        <Callout tone="warning" title="Pod deleted">
          <p>This pod no longer exists. What follows is its last known state.</p>
        </Callout>
      ) : (
        <LiveError error={error} />
      )}
      <HealthBanner health={d.row.health} />
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <Owners d={d} context={context} />
        <Link href={podPath(context, d.row.namespace, d.row.name, 'logs')} className="text-sm">
          Logs
        </Link>
      </div>
      <dl
        aria-label="Pod facts"
        className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr_max-content_1fr]"
      >
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted">{k}</dt>
            <dd className="break-all">{v}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="containers-title" className="space-y-2">
        <h2 id="containers-title" className="text-lg font-semibold">
          Containers
        </h2>
        <div className="grid gap-3 lg:grid-cols-2">
          {d.containers.map((c) => (
            <ContainerCard key={`${c.role}/${c.name}`} c={c} now={now} />
          ))}
        </div>
      </section>
      <section aria-labelledby="conditions-title" className="space-y-2">
        <h2 id="conditions-title" className="text-lg font-semibold">
          Conditions
        </h2>
        <Table aria-label="Conditions">
          <thead>
            <tr>
              <Th>Type</Th>
              <Th>Status</Th>
              <Th>Reason</Th>
              <Th>Message</Th>
              <Th>Changed</Th>
            </tr>
          </thead>
          <tbody>
            {d.conditions.map((c) => (
              <tr key={c.type}>
                <Td className="font-medium">{c.type}</Td>
                <Td>{c.status}</Td>
                <Td>{c.reason ?? ''}</Td>
                <Td className="max-w-xl break-words">{c.message ?? ''}</Td>
                <Td className="tabular-nums" title={c.lastTransitionTime ?? undefined}>
                  {formatAge(c.lastTransitionTime, now)}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section aria-labelledby="events-title" className="space-y-2">
        <h2 id="events-title" className="text-lg font-semibold">
          Events
        </h2>
        <EventsTable events={d.events} now={now} />
      </section>
      <PodSecurity context={context} namespace={d.row.namespace} security={data.security} />
    </div>
  );
}
