'use client';

import { useId } from 'react';

/** The most a reason may have; the routes check the same bound (lib/resources/manage/params.ts, rollout params). */
export const MAX_REASON = 500;

/**
 * The one "why" field of every write (edit, create, delete, rollback, restart, scale, pause): optional,
 * recorded in the audit log (and, where the action has one, as the change-cause).
 */
export function ReasonField({
  value,
  onChange,
  note = 'Recorded in the audit log.',
  className = '',
}: {
  value: string;
  onChange: (value: string) => void;
  note?: string;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 text-sm ${className}`}>
      <label htmlFor={id} className="font-medium">
        Reason (optional)
      </label>
      <input
        id={id}
        value={value}
        maxLength={MAX_REASON}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-note`}
        className="w-full rounded border border-field bg-transparent px-2 py-1"
      />
      <p id={`${id}-note`} className="text-xs text-muted">
        {note}
      </p>
    </div>
  );
}
