import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ObjectExtras } from '@/components/objects/object-extras';
import { UsedByTable } from '@/components/objects/used-by';
import { SecretReveal } from '@/components/secrets/secret-reveal';
import { ErrorState } from '@/components/shell/error-state';
import { DetailHeader, Fields, LabelList, Section } from '@/components/ui/detail';
import { Table, Td, Th } from '@/components/ui/table';
import { parseDetail } from '@/lib/detail-params';
import { formatAge } from '@/lib/format';
import { secretRevealApiPath } from '@/lib/links';
import { getSecret, type SecretDetail } from '@/lib/resources/secrets/server/secrets';

export const metadata: Metadata = { title: 'Secret' };

/** Long enough to copy or read a value, short enough that a screen left open does not keep it. */
const HIDE_AFTER_MS = 30_000;

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`;
}

/**
 * Everything here comes from a SecretRow: no value is ever rendered on the server. Values are fetched
 * by the browser, one key at a time, from the reveal route.
 */
export default async function SecretPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string; name: string }>;
}) {
  const p = parseDetail(await params);
  if (!p) notFound();
  let detail: SecretDetail | undefined;
  let error: unknown;
  try {
    detail = await getSecret(p.context, p.namespace, p.name);
  } catch (e) {
    error = e;
  }
  const revealBase = secretRevealApiPath(p.context, p.namespace, p.name);
  return (
    <article aria-labelledby="page-title" className="max-w-5xl space-y-6">
      <DetailHeader kind="Secret" name={p.name} namespace={p.namespace} />
      {!detail ? (
        <ErrorState error={error} context={p.context} />
      ) : (
        <>
          <Section title="Summary">
            <Fields
              items={[
                ['Type', <code key="t">{detail.secret.type}</code>],
                ['Keys', String(detail.secret.keys.length)],
                ['Age', formatAge(detail.secret.createdAt, Date.now())],
                ['Labels', <LabelList key="l" labels={detail.secret.labels} />],
                ['Annotations', <LabelList key="a" labels={detail.secret.annotations} />],
                ...(detail.secret.hiddenAnnotations.length
                  ? ([
                      [
                        'Hidden',
                        `${detail.secret.hiddenAnnotations.join(', ')} (holds a copy of the values)`,
                      ],
                    ] as [string, string][])
                  : []),
              ]}
            />
          </Section>
          <Section title="Keys">
            <p className="text-sm text-muted">
              Values are not sent to this page. Revealing one reads it with your credentials for this context
              and is recorded in the audit log; it hides itself again after {HIDE_AFTER_MS / 1000} seconds.
            </p>
            {detail.secret.keys.length === 0 ? (
              <p className="text-sm text-muted">This Secret has no keys.</p>
            ) : (
              <Table aria-label="Keys">
                <thead>
                  <tr>
                    <Th>Key</Th>
                    <Th>Size</Th>
                    <Th className="w-2/3">Value</Th>
                  </tr>
                </thead>
                <tbody>
                  {detail.secret.keys.map((k) => (
                    <tr key={k.name}>
                      <Td className="font-mono">{k.name}</Td>
                      <Td className="whitespace-nowrap">{formatBytes(k.bytes)}</Td>
                      <Td>
                        <SecretReveal revealUrl={revealBase} keyName={k.name} hideAfterMs={HIDE_AFTER_MS} />
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Section>
          <Section title="Used by">
            <UsedByTable context={p.context} items={detail.usedBy} gaps={detail.gaps} what="Secret" />
          </Section>
          <ObjectExtras context={p.context} slug="secrets" namespace={p.namespace} name={p.name} />
        </>
      )}
    </article>
  );
}
