'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal built on the native <dialog>: the browser provides the focus trap, Escape to close, the
 * inert background and, on close, focus back on what opened it; `aria-labelledby` names it.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      // The dialog itself scrolls (not an inner box): it is named and holds the focus, so a long
      // diff scrolls as focus moves and needs no focusable region of its own.
      className="m-auto max-h-[85vh] w-[min(44rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-line bg-canvas p-0 text-fg shadow-xl backdrop:bg-black/50"
    >
      {open && (
        <div className="space-y-4 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
