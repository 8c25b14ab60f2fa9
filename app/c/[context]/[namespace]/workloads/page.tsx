import { redirect } from 'next/navigation';
import { parseScope, scopePath } from '@/lib/params';

/** Workloads are listed, by health, on the overview; the scope switcher can land here. */
export default async function WorkloadsIndex({
  params,
}: {
  params: Promise<{ context: string; namespace: string }>;
}) {
  const scope = parseScope(await params);
  redirect(scopePath(scope.context, scope.namespaceSegment, 'overview'));
}
