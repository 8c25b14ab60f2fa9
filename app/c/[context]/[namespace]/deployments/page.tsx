import type { Metadata } from 'next';
import { LiveListPage } from '@/components/live/live-list-page';
import { parseScope } from '@/lib/params';
import { kindBySlug } from '@/lib/resources/lists/kinds';

export const metadata: Metadata = { title: 'Deployments' };

/** The Deployments list is the generic live list; the route stays so links and tests keep working. */
export default async function DeploymentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ context: string; namespace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const kind = kindBySlug('deployments');
  if (!kind) throw new Error('deployments is a registered kind');
  return <LiveListPage scope={parseScope(await params)} kind={kind} searchParams={await searchParams} />;
}
