import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ObjectExtras } from '@/components/objects/object-extras';
import { ErrorState } from '@/components/shell/error-state';
import { Badge } from '@/components/ui/badge';
import { DetailHeader, Fields, Muted, Section } from '@/components/ui/detail';
import { Table, Td, Th } from '@/components/ui/table';
import { parseDetail } from '@/lib/detail-params';
import { pagePath } from '@/lib/resources/objects/links';
import { getIngressDetail, type IngressDetail } from '@/lib/resources/services/server/services';

export const metadata: Metadata = { title: 'Ingress' };

export default async function IngressPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string; name: string }>;
}) {
  const p = parseDetail(await params);
  if (!p) notFound();
  let d: IngressDetail | undefined;
  let error: unknown;
  try {
    d = await getIngressDetail(p.context, p.namespace, p.name);
  } catch (e) {
    error = e;
  }
  return (
    <article aria-labelledby="page-title" className="max-w-5xl space-y-6">
      <DetailHeader kind="Ingress" name={p.name} namespace={p.namespace} />
      {!d ? (
        <ErrorState error={error} context={p.context} />
      ) : (
        <>
          <Section title="Summary">
            <Fields
              items={[
                ['Class', d.className ?? '— (cluster default)'],
                ['Addresses', d.addresses.join(', ') || 'none yet'],
                [
                  'TLS',
                  d.tls
                    .map((t) => `${t.hosts.join(', ') || '*'} (${t.secretName ?? 'no Secret'})`)
                    .join('; ') || '—',
                ],
              ]}
            />
          </Section>
          <Section title="Rules">
            {d.routes.length === 0 ? (
              <Muted>No rules.</Muted>
            ) : (
              <Table aria-label="Rules">
                <thead>
                  <tr>
                    <Th>Host</Th>
                    <Th>Path</Th>
                    <Th>Service</Th>
                    <Th>Port</Th>
                  </tr>
                </thead>
                <tbody>
                  {d.routes.map((r) => (
                    <tr key={`${r.host}${r.path}`}>
                      <Td className="font-mono">{r.host}</Td>
                      <Td className="font-mono">{r.path}</Td>
                      <Td>
                        <Link href={pagePath(p.context, p.namespace, 'Service', r.service)}>{r.service}</Link>
                      </Td>
                      <Td>{r.port}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Section>
          <Section title="Backends">
            <ul className="space-y-2 text-sm" aria-label="Backends">
              {d.backends.map((b) => (
                <li key={b.service} className="rounded-md border border-line p-3">
                  <p className="flex items-center gap-2">
                    Service{' '}
                    <Link href={pagePath(p.context, p.namespace, 'Service', b.service)}>{b.service}</Link>
                    {!b.exists ? (
                      <Badge tone="bad">does not exist</Badge>
                    ) : (
                      <Badge tone={b.readyEndpoints > 0 ? 'good' : 'bad'}>
                        {b.readyEndpoints}/{b.endpoints} endpoints ready
                      </Badge>
                    )}
                  </p>
                  {b.pods.length > 0 && (
                    <p className="mt-1 flex flex-wrap gap-2">
                      Pods:
                      {b.pods.map((pod) => (
                        <Link key={pod.name} href={pagePath(p.context, p.namespace, 'Pod', pod.name)}>
                          {pod.name}
                          {pod.ready ? '' : ' (not ready)'}
                        </Link>
                      ))}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </Section>
          <ObjectExtras context={p.context} slug="ingresses" namespace={p.namespace} name={p.name} />
        </>
      )}
    </article>
  );
}
