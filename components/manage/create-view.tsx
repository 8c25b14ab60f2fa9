'use client';

import Link from 'next/link';
import { useId, useMemo, useState } from 'react';
import { ChangeList } from '@/components/manage/change-list';
import { send } from '@/components/manage/send';
import { type EditorMark, YamlEditor } from '@/components/manage/yaml-editor';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { ReasonField } from '@/components/ui/reason-field';
import type { CreateOutcome, DocumentResult } from '@/lib/resources/manage/server/create';
import { bytesProblem, sizeProblem } from '@/lib/resources/manage/yaml-docs';

const TONE: Record<DocumentResult['status'], BadgeTone> = {
  valid: 'good',
  created: 'good',
  invalid: 'bad',
  failed: 'bad',
  skipped: 'warn',
};

/**
 * Paste or upload YAML, dry-run every document, then create them in order. When some documents are
 * invalid, the server creates nothing until the partial apply is confirmed here.
 */
export function CreateView({ api }: { api: string }) {
  const [text, setText] = useState('');
  const [resetKey, setResetKey] = useState(0);
  const [seed, setSeed] = useState('');
  const [outcome, setOutcome] = useState<CreateOutcome | null>(null);
  const [reviewed, setReviewed] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const fileId = useId();

  const marks: EditorMark[] = useMemo(
    () =>
      (outcome?.documents ?? []).flatMap((d) => [
        ...(d.causes ?? []).flatMap((c) => (c.line ? [{ line: c.line, message: c.message }] : [])),
        ...(d.status === 'invalid' && !(d.causes ?? []).some((c) => c.line)
          ? [{ line: d.line, message: d.message ?? 'invalid' }]
          : []),
      ]),
    [outcome],
  );

  async function run(mode: 'dry-run' | 'apply', confirmPartial = false) {
    const tooBig = sizeProblem(text);
    if (tooBig) return setError(tooBig);
    setBusy(true);
    setError(null);
    const r = await send<CreateOutcome>(api, 'POST', {
      yaml: text,
      mode,
      ...(confirmPartial ? { confirmPartial } : {}),
      ...(reason ? { reason } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setOutcome(r.data);
    if (mode === 'dry-run') setReviewed(true);
    else if (r.data.status !== 'needs-confirmation') setDone(true);
  }

  const edited = (t: string) => {
    setText(t);
    setReviewed(false);
    setDone(false);
  };

  async function upload(file: File | undefined) {
    if (!file) return;
    const tooBig = bytesProblem(file.size);
    if (tooBig) return setError(tooBig);
    const content = await file.text();
    setSeed(content);
    setText(content);
    setResetKey((k) => k + 1);
    setOutcome(null);
    setReviewed(false);
  }

  const invalid = outcome?.documents.filter((d) => d.status === 'invalid').length ?? 0;
  const valid = outcome?.documents.filter((d) => d.status === 'valid').length ?? 0;
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3 text-sm">
        <label htmlFor={fileId} className="text-muted">
          Upload a file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".yaml,.yml,.json,text/yaml"
          onChange={(e) => upload(e.target.files?.[0])}
        />
      </div>
      <YamlEditor initial={seed} resetKey={resetKey} onChange={edited} marks={marks} label="YAML to create" />
      <div className="flex flex-wrap items-end gap-3">
        <ReasonField value={reason} onChange={setReason} className="w-80" />
        <Button disabled={busy || text.trim() === ''} onClick={() => run('dry-run')}>
          Review (dry run)
        </Button>
        <Button
          variant="primary"
          disabled={busy || !reviewed || done || valid === 0}
          onClick={() => run('apply')}
        >
          Create
        </Button>
      </div>
      {error && (
        <Callout tone="danger" title="Not sent">
          {error}
        </Callout>
      )}
      {outcome?.status === 'needs-confirmation' && (
        <Callout tone="warning" title="Some documents are invalid">
          <p>{outcome.message}</p>
          <div className="mt-2">
            <Button variant="primary" disabled={busy} onClick={() => run('apply', true)}>
              Create the {outcome.documents.filter((d) => d.status === 'valid').length} valid document(s)
              anyway
            </Button>
          </div>
        </Callout>
      )}
      {outcome && outcome.status !== 'needs-confirmation' && (
        <p role="status" className="text-sm">
          {outcome.message}
          {reviewed && !done && invalid > 0 && valid > 0
            ? ' Create asks you to confirm creating only the valid ones.'
            : ''}
        </p>
      )}
      {outcome && (
        <ol aria-label="Documents" className="space-y-3">
          {outcome.documents.map((d) => (
            <li key={d.index} className="space-y-2 rounded border border-line p-3" data-status={d.status}>
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <Badge tone={TONE[d.status]}>{d.status}</Badge>
                <span className="font-medium">
                  Document {d.index}: {d.kind ?? '?'} {d.name ?? ''}
                </span>
                {d.namespace && <span className="text-muted">in {d.namespace}</span>}
                <span className="text-muted">line {d.line}</span>
                {d.page && <Link href={d.page}>Open</Link>}
              </p>
              {d.message && <p className="text-sm">{d.message}</p>}
              {d.causes && (
                <ul className="list-disc pl-5 text-sm">
                  {d.causes.map((c) => (
                    <li key={`${c.field}:${c.message}`}>
                      {c.line ? `Line ${c.line}: ` : ''}
                      {c.field && <span className="font-mono">{c.field}</span>} {c.message}
                    </li>
                  ))}
                </ul>
              )}
              {d.changes && d.status === 'valid' && (
                <details>
                  <summary className="cursor-pointer text-sm text-muted">
                    What the API server would store ({d.changes.length} fields)
                  </summary>
                  <ChangeList changes={d.changes} label={`Document ${d.index} fields`} />
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
