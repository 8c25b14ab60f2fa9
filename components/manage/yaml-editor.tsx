'use client';

import type { EditorView } from 'codemirror';
import { useEffect, useRef, useState } from 'react';

export interface EditorMark {
  /** 1-based line. */
  line: number;
  message: string;
}

/**
 * CodeMirror 6 with YAML, loaded on demand (dynamic import) so only the pages that edit carry it.
 * Uncontrolled: `initial` seeds it, `onChange` reports every edit; `resetKey` reloads from `initial`.
 * Marks show as diagnostics on their lines (422 causes, YAML errors).
 */
export function YamlEditor({
  initial,
  onChange,
  marks = [],
  label,
  readOnly = false,
  resetKey = 0,
}: {
  initial: string;
  onChange: (text: string) => void;
  marks?: EditorMark[];
  label: string;
  readOnly?: boolean;
  resetKey?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lint = useRef<typeof import('@codemirror/lint') | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is rebuilt only on resetKey; `initial` is read then.
  useEffect(() => {
    let cancelled = false;
    Promise.all([
      import('codemirror'),
      import('@codemirror/lang-yaml'),
      import('@codemirror/lint'),
      import('@codemirror/state'),
      import('./yaml-theme'),
    ])
      .then(([cm, y, l, st, theme]) => {
        if (cancelled || !host.current) return;
        lint.current = l;
        // CodeMirror injects <style> elements, which the CSP allows only with the nonce the document
        // was served with (after a client-side navigation the server's current one is another).
        const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || undefined;
        view.current = new cm.EditorView({
          parent: host.current,
          doc: initial,
          extensions: [
            ...(nonce ? [cm.EditorView.cspNonce.of(nonce)] : []),
            cm.basicSetup,
            theme.tokenTheme,
            // Long values (last-applied annotations, certificates) wrap instead of scrolling sideways.
            cm.EditorView.lineWrapping,
            y.yaml(),
            l.lintGutter(),
            st.EditorState.readOnly.of(readOnly),
            // A Tab stop inside the scrolling box, so keyboard users reach and scroll it (axe).
            cm.EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
            cm.EditorView.updateListener.of((u) => {
              if (u.docChanged) changed.current(u.state.doc.toString());
            }),
          ],
        });
        // The scrolling box is named as the other scrolling regions are (components/ui/scroll-area).
        view.current.scrollDOM.setAttribute('role', 'region');
        view.current.scrollDOM.setAttribute('aria-label', `${label}, scrollable`);
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      view.current?.destroy();
      view.current = null;
      setReady(false);
    };
  }, [resetKey]);

  useEffect(() => {
    const v = view.current;
    const l = lint.current;
    if (!v || !l || !ready) return;
    const doc = v.state.doc;
    const diagnostics = marks
      .filter((m) => m.line >= 1 && m.line <= doc.lines)
      .map((m) => {
        const line = doc.line(m.line);
        return { from: line.from, to: line.to, severity: 'error' as const, message: m.message };
      });
    v.dispatch(l.setDiagnostics(v.state, diagnostics));
  }, [marks, ready]);

  if (failed) {
    return (
      <p role="alert" className="text-sm text-bad">
        The editor could not be loaded; reload the page.
      </p>
    );
  }
  return (
    <div
      ref={host}
      data-testid="yaml-editor"
      data-ready={ready ? 'true' : 'false'}
      className="min-h-64 overflow-hidden rounded border border-field text-sm [&_.cm-editor]:max-h-[65vh] [&_.cm-scroller]:font-mono"
    >
      {!ready && <p className="p-3 text-sm text-muted">Loading the editor…</p>}
    </div>
  );
}
