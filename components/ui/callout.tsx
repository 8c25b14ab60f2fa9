import type { ReactNode } from 'react';

const tones = {
  info: 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100',
  warning:
    'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100',
  danger: 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100',
} as const;

export type CalloutTone = keyof typeof tones;

/** A titled message box; `role="alert"` only for problems, so screen readers are not spammed. */
export function Callout({
  tone = 'info',
  title,
  children,
}: {
  tone?: CalloutTone;
  title: string;
  children?: ReactNode;
}) {
  return (
    <section
      role={tone === 'info' ? 'status' : 'alert'}
      aria-label={title}
      className={`rounded-md border p-4 text-sm ${tones[tone]}`}
    >
      <h2 className="mb-1 font-semibold">{title}</h2>
      {children}
    </section>
  );
}
