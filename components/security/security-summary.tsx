import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { scopePath } from '@/lib/paths';
import type { Severity } from '@/lib/resources/security/exposure';
import { namespaceExposure } from '@/lib/resources/security/server/security';

const tone = { critical: 'bad', high: 'warn', medium: 'neutral' } as const;

/**
 * For an overview: how many exposure warnings a namespace has, by severity, and the worst ones,
 * linking to the full Security page. Renders nothing when exposure cannot be checked.
 */
export async function SecuritySummary({ context, namespace }: { context: string; namespace: string }) {
  let warnings: Awaited<ReturnType<typeof namespaceExposure>>['warnings'];
  try {
    ({ warnings } = await namespaceExposure(context, namespace));
  } catch {
    return null;
  }
  const counts = (['critical', 'high', 'medium'] as Severity[])
    .map((s) => [s, warnings.filter((w) => w.severity === s).length] as const)
    .filter(([, n]) => n > 0);
  const worst = warnings.filter((w) => w.severity === 'critical').slice(0, 3);
  return (
    <section
      aria-labelledby="security-summary-heading"
      className="space-y-1 rounded-md border border-line p-3 text-sm"
    >
      <h2 id="security-summary-heading" className="flex flex-wrap items-center gap-2 font-semibold">
        Security
        {counts.length === 0 ? (
          <Badge tone="good">no exposure warnings</Badge>
        ) : (
          counts.map(([s, n]) => (
            <Badge key={s} tone={tone[s]}>
              {n} {s}
            </Badge>
          ))
        )}
        <Link className="ml-auto text-sm font-normal" href={scopePath(context, namespace, 'security')}>
          All exposure warnings
        </Link>
      </h2>
      {worst.length > 0 && (
        <ul className="list-disc pl-5">
          {worst.map((w) => (
            <li key={w.id}>
              {w.title} ({w.ref.kind} {w.ref.name})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
