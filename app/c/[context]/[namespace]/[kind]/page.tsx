import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LiveListPage } from '@/components/live-list-page';
import { kindBySlug } from '@/lib/k8s/kinds';
import { decodeSegment, parseScope } from '@/lib/params';

type Params = Promise<{ context: string; namespace: string; kind: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const kind = kindBySlug(decodeSegment((await params).kind));
  return { title: kind?.label ?? 'Not found' };
}

export default async function KindListPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await params;
  const scope = parseScope(raw);
  const kind = kindBySlug(decodeSegment(raw.kind));
  if (!kind) notFound();
  return <LiveListPage scope={scope} kind={kind} searchParams={await searchParams} />;
}
