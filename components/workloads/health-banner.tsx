import type { PodHealth, Severity } from '@/lib/resources/pods/health';
import { STATE_LABEL } from '@/lib/resources/pods/health';

const tones: Record<Severity, string> = {
  ok: 'border-good-line bg-good-wash text-good-ink',
  neutral: 'border-neutral-line bg-neutral-wash text-fg',
  warning: 'border-warn-line bg-warn-wash text-warn-ink',
  error: 'border-bad-line bg-bad-wash text-bad-ink',
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
