'use client';

import Link from 'next/link';
import { LiveError } from '@/components/live/live-error';
import { useLive } from '@/components/live/use-live';
import { SecurityPanel } from '@/components/security/security-panel';
import { Badge } from '@/components/ui/badge';
import { Callout } from '@/components/ui/callout';
import { Fields, LabelList, Muted, Section } from '@/components/ui/detail';
import { Table, Td, Th } from '@/components/ui/table';
import type { ViewSpec } from '@/lib/live/protocol';
import { pagePath } from '@/lib/resources/objects/links';
import type { ServiceDetail } from '@/lib/resources/services/server/services';

/** A Service ↔ its EndpointSlices ↔ the pods it selects, pushed by the server's service view. */
export function ServiceDetailView({
  spec,
  initial,
  context,
  namespace,
}: {
  spec: ViewSpec;
  initial: ServiceDetail;
  context: string;
  namespace: string;
}) {
  const { data: detail, error } = useLive<ServiceDetail>(spec, initial);
  const v = detail.view;
  return (
    <>
      <LiveError error={error} />
      {v.problems.map((pr) => (
        <Callout key={pr.title} tone="warning" title={pr.title}>
          <p>{pr.detail}</p>
        </Callout>
      ))}
      <Section title="Summary">
        <Fields
          items={[
            ['Type', v.type],
            ['Cluster IP', v.clusterIPs.join(', ') || '—'],
            ...(v.externalName ? ([['External name', v.externalName]] as [string, string][]) : []),
            ['External IPs', v.externalIPs.join(', ') || '—'],
            [
              'Load balancer',
              v.type === 'LoadBalancer' ? v.loadBalancer.join(', ') || 'pending (no address yet)' : '—',
            ],
            ...(v.loadBalancerSourceRanges.length
              ? ([['Source ranges', v.loadBalancerSourceRanges.join(', ')]] as [string, string][])
              : []),
            ['Selector', <LabelList key="s" labels={v.selector} />],
          ]}
        />
      </Section>
      <Section title="Ports">
        {v.ports.length === 0 ? (
          <Muted>No ports.</Muted>
        ) : (
          <Table aria-label="Ports">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Protocol</Th>
                <Th>Port</Th>
                <Th>Target port</Th>
                <Th>Node port</Th>
              </tr>
            </thead>
            <tbody>
              {v.ports.map((port) => (
                <tr key={`${port.protocol}/${port.port}`}>
                  <Td>{port.name || '—'}</Td>
                  <Td>{port.protocol}</Td>
                  <Td>{port.port}</Td>
                  <Td>{port.targetPort}</Td>
                  <Td>{port.nodePort ?? '—'}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
      <Section title="Endpoints">
        <Muted>
          {v.endpoints.filter((e) => e.ready).length} ready of {v.endpoints.length}, from EndpointSlices.
        </Muted>
        {v.endpoints.length > 0 && (
          <Table aria-label="Endpoints">
            <thead>
              <tr>
                <Th>Address</Th>
                <Th>State</Th>
                <Th>Pod</Th>
                <Th>Node</Th>
              </tr>
            </thead>
            <tbody>
              {v.endpoints.map((e) => (
                <tr key={e.address}>
                  <Td className="font-mono">{e.address}</Td>
                  <Td>
                    <Badge tone={e.ready ? 'good' : 'bad'}>
                      {e.ready ? 'Ready' : e.terminating ? 'Terminating' : 'Not ready'}
                    </Badge>
                  </Td>
                  <Td>
                    {e.podName ? (
                      <Link href={pagePath(context, namespace, 'Pod', e.podName)}>{e.podName}</Link>
                    ) : (
                      '—'
                    )}
                  </Td>
                  <Td>{e.nodeName ?? '—'}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
      <Section title="Pods matched by the selector">
        {v.pods.length === 0 ? (
          <Muted>None.</Muted>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm" aria-label="Matched pods">
            {v.pods.map((pod) => (
              <li key={pod.name} className="flex items-center gap-1">
                <Link href={pagePath(context, namespace, 'Pod', pod.name)}>{pod.name}</Link>
                <Badge tone={pod.ready ? 'good' : 'warn'}>{pod.ready ? 'ready' : pod.phase}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Ingress routes">
        {v.routes.length === 0 ? (
          <Muted>No Ingress in this namespace routes to this Service.</Muted>
        ) : (
          <ul className="space-y-1 text-sm" aria-label="Ingress routes">
            {v.routes.map((r) => (
              <li key={`${r.ingress}${r.host}${r.path}`}>
                <Link href={pagePath(context, namespace, 'Ingress', r.ingress)}>{r.ingress}</Link>{' '}
                <span className="font-mono">
                  {r.host}
                  {r.path}
                </span>{' '}
                → port {r.port}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <SecurityPanel context={context} warnings={detail.warnings} />
    </>
  );
}
