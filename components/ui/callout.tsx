import type { ReactNode } from 'react';

// Design tokens (app/globals.css); links inside keep their own link colour, which meets AA on these too.
const tones = {
  info: 'border-info-line bg-info-wash text-info-ink',
  warning: 'border-warn-line bg-warn-wash text-warn-ink',
  danger: 'border-bad-line bg-bad-wash text-bad-ink',
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
