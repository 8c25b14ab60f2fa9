import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ObjectExtras } from '@/components/objects/object-extras';
import { UsedByTable } from '@/components/objects/used-by';
import { ErrorState } from '@/components/shell/error-state';
import { DetailHeader, Fields, LabelList, Muted, Section } from '@/components/ui/detail';
import { ScrollArea } from '@/components/ui/scroll-area';
import { parseDetail } from '@/lib/detail-params';
import { type ConfigMapDetail, getConfigMap } from '@/lib/resources/configmaps/server/configmaps';

export const metadata: Metadata = { title: 'ConfigMap' };

function size(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`;
}

const pre = 'max-h-96 rounded bg-sunken p-2 font-mono text-xs whitespace-pre-wrap break-all';

export default async function ConfigMapPage({
  params,
}: {
  params: Promise<{ context: string; namespace: string; name: string }>;
}) {
  const p = parseDetail(await params);
  if (!p) notFound();
  let d: ConfigMapDetail | undefined;
  let error: unknown;
  try {
    d = await getConfigMap(p.context, p.namespace, p.name);
  } catch (e) {
    error = e;
  }
  return (
    <article aria-labelledby="page-title" className="max-w-5xl space-y-6">
      <DetailHeader kind="ConfigMap" name={p.name} namespace={p.namespace} />
      {!d ? (
        <ErrorState error={error} context={p.context} />
      ) : (
        <>
          <Section title="Summary">
            <Fields
              items={[
                ['Keys', String(d.data.length + d.binary.length)],
                ['Immutable', d.immutable ? 'yes' : 'no'],
                ['Labels', <LabelList key="l" labels={d.labels} />],
              ]}
            />
          </Section>
          <Section title="Data">
            {d.data.length + d.binary.length === 0 && <Muted>This ConfigMap has no keys.</Muted>}
            <ul className="space-y-3" aria-label="Keys">
              {d.data.map((e) => (
                <li key={e.key} aria-label={e.key} className="space-y-1">
                  {e.large ? (
                    <details>
                      <summary className="cursor-pointer text-sm">
                        <span className="font-mono font-medium">{e.key}</span>{' '}
                        <span className="text-muted">
                          ({size(e.bytes)}, {e.lines} lines; show)
                        </span>
                      </summary>
                      <ScrollArea as="pre" label={`Value of ${e.key}`} className={pre}>
                        {e.value}
                      </ScrollArea>
                    </details>
                  ) : (
                    <>
                      <p className="text-sm">
                        <span className="font-mono font-medium">{e.key}</span>{' '}
                        <span className="text-muted">({size(e.bytes)})</span>
                      </p>
                      <ScrollArea as="pre" label={`Value of ${e.key}`} className={pre}>
                        {e.value}
                      </ScrollArea>
                    </>
                  )}
                </li>
              ))}
              {d.binary.map((b) => (
                <li key={b.key} aria-label={b.key} className="text-sm">
                  <span className="font-mono font-medium">{b.key}</span>{' '}
                  <span className="text-muted">(binary, {size(b.bytes)}; not shown)</span>
                </li>
              ))}
            </ul>
          </Section>
          <Section title="Used by">
            <UsedByTable context={p.context} items={d.usedBy} gaps={d.gaps} what="ConfigMap" />
          </Section>
          <ObjectExtras context={p.context} slug="configmaps" namespace={p.namespace} name={p.name} />
        </>
      )}
    </article>
  );
}
