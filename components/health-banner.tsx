import type { PodHealth, Severity } from '@/lib/k8s/health';
import { STATE_LABEL } from '@/lib/k8s/health';

const tones: Record<Severity, string> = {
  ok: 'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100',
  neutral:
    'border-zinc-300 bg-zinc-50 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100',
  warning:
    'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100',
  error: 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100',
};

/** The pod's diagnosis: state, one sentence, and the status fields it was read from. */
export function HealthBanner({ health }: { health: PodHealth }) {
  return (
    <section aria-label="Diagnosis" className={`rounded-md border p-4 text-sm ${tones[health.severity]}`}>
      <h2 className="font-semibold">{STATE_LABEL[health.state]}</h2>
      <p className="mt-1">{health.summary}</p>
      {health.evidence.length > 0 && (
        <details className="mt-2" open={health.severity === 'error' || health.severity === 'warning'}>
          <summary className="cursor-pointer text-xs opacity-80">Evidence</summary>
          <dl
            aria-label="Evidence"
            className="mt-1 grid grid-cols-[minmax(0,max-content)_1fr] gap-x-4 gap-y-0.5 text-xs"
          >
            {health.evidence.map((e) => (
              <div key={`${e.field}=${e.value}`} className="contents">
                <dt className="font-mono opacity-80 break-all">{e.field}</dt>
                <dd className="font-mono break-all">{e.value || '""'}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
}
