import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorState } from '@/components/error-state';
import { ObjectExtras } from '@/components/object-extras';
import { SecurityPanel } from '@/components/security-panel';
import { Badge } from '@/components/ui/badge';
import { Callout } from '@/components/ui/callout';
import { DetailHeader, Fields, LabelList, Muted, Section } from '@/components/ui/detail';
import { Table, Td, Th } from '@/components/ui/table';
import { parseDetail } from '@/lib/detail-params';
import { pagePath } from '@/lib/k8s/links';
import { getServiceDetail, type ServiceDetail } from '@/lib/k8s/services';

export const metadata: Metadata = { title: 'Service' };

export default async function ServicePage({
  params,
}: {
  params: Promise<{ context: string; namespace: string; name: string }>;
}) {
  const p = parseDetail(await params);
  if (!p) notFound();
  let detail: ServiceDetail | undefined;
  let error: unknown;
  try {
    detail = await getServiceDetail(p.context, p.namespace, p.name);
  } catch (e) {
    error = e;
  }
  const v = detail?.view;
  return (
    <article aria-labelledby="page-title" className="max-w-5xl space-y-6">
      <DetailHeader kind="Service" name={p.name} namespace={p.namespace} />
      {!detail || !v ? (
        <ErrorState error={error} context={p.context} />
      ) : (
        <>
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
                          <Link href={pagePath(p.context, p.namespace, 'Pod', e.podName)}>{e.podName}</Link>
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
                    <Link href={pagePath(p.context, p.namespace, 'Pod', pod.name)}>{pod.name}</Link>
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
                    <Link href={pagePath(p.context, p.namespace, 'Ingress', r.ingress)}>{r.ingress}</Link>{' '}
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
          <SecurityPanel context={p.context} warnings={detail.warnings} />
          <ObjectExtras context={p.context} slug="services" namespace={p.namespace} name={p.name} />
        </>
      )}
    </article>
  );
}
