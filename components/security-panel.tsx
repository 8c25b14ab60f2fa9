import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ExposureWarning, Severity } from '@/lib/k8s/exposure';
import { objectPath } from '@/lib/k8s/links';

const tone: Record<Severity, BadgeTone> = { critical: 'bad', high: 'warn', medium: 'neutral' };

/**
 * Exposure warnings with why each matters and how to fix it. Presentational: callers pass the
 * warnings (Service page, pod page, namespace overview), so it renders anywhere.
 */
export function SecurityPanel({
  context,
  warnings,
  title = 'Security',
  showObject = true,
  gaps = [],
}: {
  context: string;
  warnings: ExposureWarning[];
  title?: string;
  showObject?: boolean;
  gaps?: string[];
}) {
  const counts = (['critical', 'high', 'medium'] as const)
    .map((s) => [s, warnings.filter((w) => w.severity === s).length] as const)
    .filter(([, n]) => n > 0);
  return (
    <section aria-labelledby="security-heading" className="space-y-2">
      <h2 id="security-heading" className="flex items-center gap-2 text-base font-semibold">
        {title}
        {counts.map(([s, n]) => (
          <Badge key={s} tone={tone[s]}>
            {n} {s}
          </Badge>
        ))}
      </h2>
      {warnings.length === 0 ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          No exposure warnings.
        </p>
      ) : (
        <ul aria-label="Exposure warnings" className="space-y-2">
          {warnings.map((w) => (
            <li
              key={w.id}
              className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800"
              data-rule={w.rule}
            >
              <p className="flex flex-wrap items-baseline gap-2">
                <Badge tone={tone[w.severity]}>{w.severity}</Badge>
                <span className="font-medium">{w.title}</span>
              </p>
              {showObject && (
                <p className="mt-1 text-xs text-zinc-500">
                  {w.ref.kind}{' '}
                  <Link
                    className="text-sky-700 hover:underline dark:text-sky-400"
                    href={objectPath(context, w.ref.namespace, w.ref.kind, w.ref.name)}
                  >
                    {w.ref.namespace}/{w.ref.name}
                  </Link>
                  {w.ref.container ? ` · container ${w.ref.container}` : ''}
                </p>
              )}
              <p className="mt-1">
                <span className="font-medium">Why it matters: </span>
                {w.why}
              </p>
              <p className="mt-1">
                <span className="font-medium">How to fix: </span>
                {w.fix}
              </p>
            </li>
          ))}
        </ul>
      )}
      {gaps.map((g) => (
        <p key={g} className="text-xs text-amber-700 dark:text-amber-300">
          Incomplete: {g}
        </p>
      ))}
    </section>
  );
}
