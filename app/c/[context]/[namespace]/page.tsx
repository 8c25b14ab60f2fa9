import { redirect } from 'next/navigation';
import { parseScope, scopePath } from '@/lib/params';

export default async function ScopeIndex({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  redirect(scopePath(scope.context, scope.namespaceSegment, 'overview'));
}
