'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { TemplateDiffView } from '@/components/workloads/template-diff-view';
import { formatAge } from '@/lib/format';
import type { WorkloadDetail } from '@/lib/resources/workloads/rollout-detail';

/** The revision table, the current revision marked, with a per-field diff for the chosen revision. */
export function RevisionHistory({
  detail,
  now,
  onRollback,
}: {
  detail: WorkloadDetail;
  now: number;
  onRollback: (revision: number) => void;
}) {
  const firstOther = detail.revisions.find((r) => !r.current)?.revision ?? null;
  const [chosen, setChosen] = useState<number | null>(firstOther);
  const shown = detail.revisions.find((r) => r.revision === chosen) ?? null;
  const canRollback = detail.rollback.possible && detail.canPatch.allowed;
  const disabledWhy = !detail.rollback.possible ? detail.rollback.why : detail.canPatch.reason;

  return (
    <section aria-labelledby="revision-history" className="space-y-3">
      <h2 id="revision-history" className="text-base font-semibold">
        Revision history
      </h2>
      {!detail.rollback.possible && (
        <p role="note" className="text-sm text-warn">
          {detail.rollback.why}
        </p>
      )}
      {detail.revisions.length > 0 && (
        <Table aria-label="Revisions">
          <thead>
            <tr>
              <Th>Revision</Th>
              <Th>Change cause</Th>
              <Th>Images</Th>
              <Th>Created</Th>
              {detail.kind === 'deployments' && <Th>Pods</Th>}
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {detail.revisions.map((r) => (
              <tr
                key={r.revision}
                aria-current={r.current ? 'true' : undefined}
                className={r.current ? 'bg-info-wash' : undefined}
              >
                <Td className="tabular-nums">
                  {r.revision}
                  {r.current && (
                    <span className="ml-2">
                      <Badge tone="good">current</Badge>
                    </span>
                  )}
                </Td>
                <Td className="max-w-xs break-words">
                  {r.changeCause ?? <span className="text-muted">—</span>}
                </Td>
                <Td className="font-mono text-xs break-all">
                  {r.images.map((i) => (
                    <div key={i}>{i}</div>
                  ))}
                </Td>
                <Td className="tabular-nums" title={r.createdAt ?? undefined}>
                  {formatAge(r.createdAt, now)}
                </Td>
                {detail.kind === 'deployments' && <Td className="tabular-nums">{r.replicas ?? 0}</Td>}
                <Td className="whitespace-nowrap text-right">
                  {!r.current && (
                    <span className="inline-flex gap-2">
                      <Button
                        aria-pressed={chosen === r.revision}
                        aria-label={`Show diff for revision ${r.revision}`}
                        onClick={() => setChosen(r.revision)}
                      >
                        Diff
                      </Button>
                      <Button
                        variant="danger"
                        disabled={!canRollback}
                        title={canRollback ? undefined : disabledWhy}
                        aria-label={`Roll back to revision ${r.revision}`}
                        onClick={() => onRollback(r.revision)}
                      >
                        Roll back
                      </Button>
                    </span>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {shown && (
        <section aria-labelledby="revision-diff" className="rounded-md border border-line p-4">
          <h3 id="revision-diff" className="mb-2 text-sm font-semibold">
            Changes from the current template to revision {shown.revision}
          </h3>
          <TemplateDiffView diff={shown.diff} label={`Diff to revision ${shown.revision}`} />
        </section>
      )}
    </section>
  );
}
