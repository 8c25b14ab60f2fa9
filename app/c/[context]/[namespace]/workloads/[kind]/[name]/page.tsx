import { notFound, redirect } from 'next/navigation';
import { legacyWorkloadKind, legacyWorkloadRedirect, parseWorkloadScope } from '@/lib/named-scope';

type Params = Promise<{ context: string; namespace: string; kind: string; name: string }>;

/**
 * Old workload addresses (`workloads/<kind>/<name>`, the kind plural or singular): each workload's
 * one page is `<plural>/<name>` now, so these only redirect there through the one URL builder.
 */
export default async function OldWorkloadAddress({ params }: { params: Params }) {
  const raw = await params;
  const plural = legacyWorkloadKind(raw.kind);
  if (plural) redirect(legacyWorkloadRedirect(raw, plural) ?? notFound());
  let s: ReturnType<typeof parseWorkloadScope>;
  try {
    s = parseWorkloadScope(raw);
  } catch {
    notFound();
  }
  redirect(legacyWorkloadRedirect(raw, s.kind) ?? notFound());
}
