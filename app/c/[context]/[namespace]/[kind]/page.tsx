import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LiveListPage } from '@/components/live/live-list-page';
import { requestPrincipal } from '@/lib/live/watch-cache';
import { decodeSegment, parseScope } from '@/lib/params';
import { kindForPage } from '@/lib/resources/api-kinds/server/discovery';

type Params = Promise<{ context: string; namespace: string; kind: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await params;
  const kind = await kindForPage(parseScope(p).context, decodeSegment(p.kind), await requestPrincipal());
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
  // Wheelhouse's own kinds, and every other the cluster serves (aggregated discovery, CRDs).
  const kind = await kindForPage(scope.context, decodeSegment(raw.kind), await requestPrincipal());
  if (!kind) notFound();
  return <LiveListPage scope={scope} kind={kind} searchParams={await searchParams} />;
}
