import { ObjectLink } from '@/components/objects/object-link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ExposureRule, ExposureWarning, Severity } from '@/lib/resources/security/exposure';

const tone: Record<Severity, BadgeTone> = { critical: 'bad', high: 'warn', medium: 'neutral' };

const headings: Record<ExposureRule, string> = {
  'exposed-database-port': 'Database ports reachable from outside the cluster',
  'exposed-database-pods': 'Database pods reachable from outside the cluster',
  'secret-in-env': 'Secrets in environment variables',
  privileged: 'Privileged containers',
  'runs-as-root': 'Containers running as root',
  'host-network': 'Pods on the node’s network',
  'host-namespace': 'Pods sharing the node’s processes or IPC',
  'host-path': 'Pods mounting the node’s filesystem',
};

function heading(w: ExposureWarning): string {
  return w.rule === 'runs-as-root' && w.severity === 'medium'
    ? 'Containers that may run as root'
    : headings[w.rule];
}

interface Group {
  key: string;
  severity: Severity;
  heading: string;
  why: string;
  fix: string;
  items: ExposureWarning[];
}

/** One group per rule and severity, in the (already sorted) order of their first warning. */
function groupWarnings(ws: ExposureWarning[]): Group[] {
  const groups = new Map<string, Group>();
  for (const w of ws) {
    const key = `${w.severity}/${heading(w)}`;
    const g = groups.get(key);
    if (g) g.items.push(w);
    else
      groups.set(key, { key, severity: w.severity, heading: heading(w), why: w.why, fix: w.fix, items: [w] });
  }
  return [...groups.values()];
}

/**
 * Exposure warnings with why each matters and how to fix it, grouped by rule so twenty pods
 * without runAsNonRoot read as one finding. Presentational: callers pass the warnings (Service
 * page, pod page, namespace overview), so it renders anywhere.
 */
export function SecurityPanel({
  context,
  warnings,
  title = 'Security',
  gaps = [],
}: {
  context: string;
  warnings: ExposureWarning[];
  title?: string;
  gaps?: string[];
}) {
  const counts = (['critical', 'high', 'medium'] as const)
    .map((s) => [s, warnings.filter((w) => w.severity === s).length] as const)
    .filter(([, n]) => n > 0);
  return (
    <section aria-labelledby="security-heading" className="space-y-3">
      <h2 id="security-heading" className="flex items-center gap-2 text-base font-semibold">
        {title}
        {counts.map(([s, n]) => (
          <Badge key={s} tone={tone[s]}>
            {n} {s}
          </Badge>
        ))}
      </h2>
      {warnings.length === 0 ? (
        <p role="status" className="text-sm text-good">
          {gaps.length ? 'No exposure warnings in what you may read (see below).' : 'No exposure warnings.'}
        </p>
      ) : (
        groupWarnings(warnings).map((g) => (
          <section
            key={g.key}
            aria-label={`${g.severity}: ${g.heading}`}
            className="rounded-md border border-line p-3 text-sm"
          >
            <h3 className="flex flex-wrap items-center gap-2 font-medium">
              <Badge tone={tone[g.severity]}>{g.severity}</Badge>
              {g.heading}
            </h3>
            <ul aria-label="Exposure warnings" className="mt-2 space-y-1">
              {g.items.map((w) => (
                <li key={w.id}>
                  <span>{w.title}</span>
                  <span className="text-muted">
                    {' '}
                    — {w.ref.kind}{' '}
                    <ObjectLink
                      context={context}
                      namespace={w.ref.namespace}
                      kind={w.ref.kind}
                      name={w.ref.name}
                    >
                      {w.ref.namespace}/{w.ref.name}
                    </ObjectLink>
                  </span>
                  {w.why !== g.why && <p className="text-xs text-muted">{w.why}</p>}
                </li>
              ))}
            </ul>
            <p className="mt-2 text-fg">
              <span className="font-medium">Why it matters: </span>
              {g.why}
            </p>
            <p className="mt-1 text-fg">
              <span className="font-medium">How to fix: </span>
              {g.fix}
            </p>
          </section>
        ))
      )}
      {gaps.map((g) => (
        <p key={g} className="text-xs text-warn">
          Incomplete: {g}
        </p>
      ))}
    </section>
  );
}
