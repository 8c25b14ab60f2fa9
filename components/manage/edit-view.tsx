'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ChangeList } from '@/components/manage/change-list';
import { send } from '@/components/manage/send';
import { type EditorMark, YamlEditor } from '@/components/manage/yaml-editor';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { ReasonField } from '@/components/ui/reason-field';
import type { Change } from '@/lib/resources/manage/diff';
import type { EditOutcome, EditSource } from '@/lib/resources/manage/server/edit';

type Phase =
  | { at: 'editing' }
  | { at: 'reviewed'; changes: Change[]; message: string }
  | { at: 'conflict'; changes?: Change[]; message: string }
  | { at: 'invalid'; message: string; causes: { field?: string; message: string; line?: number }[] }
  | { at: 'applied'; changes: Change[]; message: string; keepOldValue?: string[] }
  | { at: 'error'; message: string };

/**
 * Edit one object: YAML in CodeMirror, "Review changes" asks the API server for a dry run and shows
 * what it would store, "Apply" writes at the resourceVersion that was edited. A 409 shows the new
 * diff against the version stored now; 422 causes appear on the lines they name.
 */
export function EditView({ source, api, backHref }: { source: EditSource; api: string; backHref: string }) {
  const [text, setText] = useState(source.yaml);
  const [resourceVersion, setResourceVersion] = useState(source.resourceVersion);
  const [phase, setPhase] = useState<Phase>({ at: 'editing' });
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [remove, setRemove] = useState<string[]>([]);
  const [setKeys, setSetKeys] = useState<{ key: string; value: string }[]>([]);
  const isSecret = source.kind === 'Secret';

  const marks: EditorMark[] = useMemo(
    () =>
      phase.at === 'invalid'
        ? phase.causes.flatMap((c) =>
            c.line ? [{ line: c.line, message: `${c.field ? `${c.field}: ` : ''}${c.message}` }] : [],
          )
        : [],
    [phase],
  );

  const secret = isSecret
    ? { set: Object.fromEntries(setKeys.filter((k) => k.key).map((k) => [k.key, k.value])), remove }
    : undefined;

  async function run(mode: 'dry-run' | 'apply') {
    setBusy(true);
    const r = await send<EditOutcome>(api, 'PUT', {
      yaml: text,
      resourceVersion,
      mode,
      ...(reason ? { reason } : {}),
      ...(secret ? { secret } : {}),
    });
    setBusy(false);
    if (!r.ok) return setPhase({ at: 'error', message: r.error.message });
    const o = r.data;
    if (o.status === 'invalid') return setPhase({ at: 'invalid', message: o.message, causes: o.causes });
    if (o.status === 'conflict') {
      // The new diff is against the version stored now; applying again targets that version.
      setResourceVersion(o.resourceVersion);
      return setPhase({ at: 'conflict', message: o.message, changes: o.changes });
    }
    if (o.applied) {
      setResourceVersion(o.resourceVersion);
      return setPhase({
        at: 'applied',
        changes: o.changes,
        message: o.message,
        keepOldValue: o.keepOldValue,
      });
    }
    setPhase({ at: 'reviewed', changes: o.changes, message: o.message });
  }

  const edit = (t: string) => {
    setText(t);
    if (phase.at === 'reviewed' || phase.at === 'conflict') setPhase({ at: 'editing' });
  };
  const secretEdited = () => phase.at === 'reviewed' && setPhase({ at: 'editing' });

  if (!source.canUpdate.allowed) {
    return (
      <Callout tone="warning" title="You may not edit this object">
        <p>{source.canUpdate.reason}</p>
      </Callout>
    );
  }

  const canApply = (phase.at === 'reviewed' || phase.at === 'conflict') && !busy;
  return (
    <div className="space-y-4">
      <YamlEditor initial={source.yaml} onChange={edit} marks={marks} label={`YAML of ${source.kind}`} />
      {isSecret && (
        <fieldset className="space-y-2 rounded border border-line p-3 text-sm">
          <legend className="px-1 font-medium">Secret keys (values are write-only and never shown)</legend>
          {(source.secretKeys ?? []).map((k) => (
            <label key={k.key} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={remove.includes(k.key)}
                onChange={(e) => {
                  setRemove(e.target.checked ? [...remove, k.key] : remove.filter((x) => x !== k.key));
                  secretEdited();
                }}
              />
              Remove <span className="font-mono">{k.key}</span> ({k.bytes} bytes)
            </label>
          ))}
          {setKeys.map((k, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until a key is typed.
            <div key={i} className="flex gap-2">
              <input
                aria-label="Key"
                placeholder="key"
                value={k.key}
                className="w-48 rounded border border-field bg-transparent px-2 py-1 font-mono"
                onChange={(e) => {
                  setSetKeys(setKeys.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)));
                  secretEdited();
                }}
              />
              <input
                aria-label={`New value of ${k.key || 'the key'}`}
                type="password"
                autoComplete="off"
                placeholder="new value"
                value={k.value}
                className="flex-1 rounded border border-field bg-transparent px-2 py-1 font-mono"
                onChange={(e) => {
                  setSetKeys(setKeys.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)));
                  secretEdited();
                }}
              />
            </div>
          ))}
          <Button onClick={() => setSetKeys([...setKeys, { key: '', value: '' }])}>Set a key</Button>
        </fieldset>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <ReasonField value={reason} onChange={setReason} className="w-80" />
        <Button variant="secondary" disabled={busy} onClick={() => run('dry-run')}>
          Review changes (dry run)
        </Button>
        <Button
          variant="primary"
          disabled={!canApply}
          onClick={() => run('apply')}
          title={canApply ? undefined : 'Review the changes first'}
        >
          Apply
        </Button>
        <Link href={backHref} className="text-sm">
          Back to the object
        </Link>
      </div>
      {phase.at === 'error' && (
        <Callout tone="danger" title="Not saved">
          {phase.message}
        </Callout>
      )}
      {phase.at === 'invalid' && (
        <Callout tone="danger" title="The API server rejected the edit">
          <p>{phase.message}</p>
          {phase.causes.length > 0 && (
            <ul className="mt-2 list-disc pl-5">
              {phase.causes.map((c) => (
                <li key={`${c.field}:${c.message}`}>
                  {c.line ? `Line ${c.line}: ` : ''}
                  {c.field && <span className="font-mono">{c.field}</span>} {c.message}
                </li>
              ))}
            </ul>
          )}
        </Callout>
      )}
      {phase.at === 'applied' && phase.keepOldValue && (
        <Callout tone="warning" title="Still running the old value">
          <p>
            These read it as environment variables or through subPath, so their running pods keep the old
            value until they restart: {phase.keepOldValue.join('; ')}.
          </p>
        </Callout>
      )}
      {phase.at === 'conflict' && (
        <Callout tone="warning" title="Changed by someone else">
          <p>{phase.message}</p>
        </Callout>
      )}
      {(phase.at === 'reviewed' || phase.at === 'conflict' || phase.at === 'applied') && (
        <section aria-labelledby="diff-title" className="space-y-2">
          <h2 id="diff-title" className="text-lg font-semibold">
            {phase.at === 'applied'
              ? 'Saved'
              : phase.at === 'conflict'
                ? 'What your edit would do now'
                : 'What the API server would store'}
          </h2>
          {phase.at !== 'conflict' && (
            <p role="status" className="text-sm">
              {phase.message}
            </p>
          )}
          {phase.changes ? (
            <ChangeList changes={phase.changes} label="Changes" />
          ) : (
            <p className="text-sm">
              The edit could not be checked against the new version; reload to start over.
            </p>
          )}
        </section>
      )}
    </div>
  );
}
