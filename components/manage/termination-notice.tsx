import { Callout } from '@/components/ui/callout';
import type { Termination } from '@/lib/resources/manage/holds';

/** "Terminating since …, held by …": why a deleted object is still here. */
export function TerminationNotice({ termination, kind }: { termination: Termination; kind: string }) {
  return (
    <Callout tone="warning" title={`Terminating since ${termination.since}`}>
      <p>
        This {kind} was asked to be deleted and is still here
        {termination.holds.length ? ', held by:' : '. Nothing holds it: it should go shortly.'}
      </p>
      {termination.holds.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {termination.holds.map((h) => (
            <li key={h.finalizer}>
              <span className="font-mono">{h.finalizer}</span>
              {h.by ? `, set by ${h.by}` : ''}: {h.meaning}.
            </li>
          ))}
        </ul>
      )}
      {termination.notes.map((n) => (
        <p key={n} className="mt-1">
          {n}
        </p>
      ))}
    </Callout>
  );
}
