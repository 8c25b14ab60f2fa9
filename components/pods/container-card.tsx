import { Badge } from '@/components/ui/badge';
import { formatAge } from '@/lib/format';
import type { ContainerView, StateView } from '@/lib/resources/pods/views';

function stateText(s: StateView, now: number): string {
  if (s.kind === 'running') return `running for ${formatAge(s.startedAt, now)}`;
  if (s.kind === 'waiting') return `waiting: ${s.reason ?? 'unknown reason'}`;
  if (s.kind === 'terminated') {
    const code = s.exitCode === null ? '' : `, exit code ${s.exitCode}`;
    return `terminated: ${s.reason ?? 'no reason'}${code}`;
  }
  return 'unknown';
}

function Quantities({ label, q }: { label: string; q: Record<string, string> }) {
  const entries = Object.entries(q);
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="font-mono text-xs">
        {entries.length ? (
          entries.map(([k, v]) => `${k} ${v}`).join(', ')
        ) : (
          <span className="text-muted">none</span>
        )}
      </dd>
    </>
  );
}

/** One container: what runs, how it is doing, how it last ended, how it is probed and sized. */
export function ContainerCard({ c, now }: { c: ContainerView; now: number }) {
  const last = c.lastState;
  return (
    <section aria-label={`Container ${c.name}`} className="rounded-md border border-line p-3 text-sm">
      <header className="mb-2 flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{c.name}</h3>
        {c.role !== 'container' && <Badge>{c.role}</Badge>}
        <Badge
          tone={
            c.ready ? 'good' : c.state.kind === 'terminated' && c.state.exitCode === 0 ? 'neutral' : 'warn'
          }
        >
          {c.ready ? 'ready' : 'not ready'}
        </Badge>
        <span className="font-mono text-xs break-all text-muted">{c.image}</span>
      </header>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted">State</dt>
        <dd>
          {stateText(c.state, now)}
          {c.state.message && <span className="block text-xs text-muted">{c.state.message}</span>}
        </dd>
        <dt className="text-muted">Restarts</dt>
        <dd className="tabular-nums">{c.restarts}</dd>
        <dt className="text-muted">Last state</dt>
        <dd>
          {last ? (
            <>
              {stateText(last, now)}
              {last.finishedAt && (
                <span className="text-muted" title={last.finishedAt}>
                  {' '}
                  at {last.finishedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} (
                  {formatAge(last.finishedAt, now)} ago)
                </span>
              )}
            </>
          ) : (
            <span className="text-muted">none</span>
          )}
        </dd>
        <dt className="text-muted">Probes</dt>
        <dd>
          {c.probes.length ? (
            <ul>
              {c.probes.map((p) => (
                <li key={p.kind}>
                  <span className="font-medium">{p.kind}</span>: {p.text}
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-muted">none</span>
          )}
        </dd>
        <Quantities label="Requests" q={c.requests} />
        <Quantities label="Limits" q={c.limits} />
      </dl>
    </section>
  );
}
