'use client';

import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { type ITheme, Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { CLOSE_ENDED, type ServerMessage } from '@/lib/resources/exec/protocol';
import { type ExecShell, execUrl } from '@/lib/resources/exec/shells';

export interface TerminalViewProps {
  context: string;
  namespace: string;
  pod: string;
  container: string;
  shell: ExecShell;
  nonce: string;
}

type Phase = { state: 'connecting' | 'open' | 'ended' | 'failed'; message: string };

/** The terminal's colours from the design tokens (app/globals.css), light or dark as the page is. */
function themeFromTokens(): ITheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    background: v('--color-sunken'),
    foreground: v('--color-fg'),
    cursor: v('--color-fg'),
    cursorAccent: v('--color-sunken'),
    selectionBackground: v('--color-info-line'),
    selectionForeground: v('--color-fg'),
  };
}

/**
 * xterm.js adds <style> elements; the page's CSP admits them only with its nonce. `documentOverride`
 * is xterm's own hook for the document it builds in: the same document, whose <style>s carry the nonce.
 */
function nonceDocument(nonce: string): Document {
  return new Proxy(document, {
    get(target, prop) {
      if (prop === 'createElement')
        return (tag: string, options?: ElementCreationOptions) => {
          const el = target.createElement(tag, options);
          if (el instanceof HTMLStyleElement) el.nonce = nonce;
          return el;
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function TerminalView({ context, namespace, pod, container, shell, nonce }: TerminalViewProps) {
  const host = useRef<HTMLElement>(null);
  const [phase, setPhase] = useState<Phase>({ state: 'connecting', message: 'Connecting…' });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono') || 'monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: themeFromTokens(),
      documentOverride: nonceDocument(nonce),
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    fit.fit();
    // An accessible name for the screen reader's text area xterm types into.
    term.textarea?.setAttribute('aria-label', `Terminal in container ${container} of pod ${pod}`);
    // Tab belongs to the shell (completion); Escape then Tab leaves the terminal, so it is no trap.
    let escapedAt = 0;
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true;
      if (e.key === 'Escape') escapedAt = Date.now();
      else if (e.key === 'Tab' && Date.now() - escapedAt < 2000) return false;
      return true;
    });

    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => {
      term.options.theme = themeFromTokens();
    };
    scheme.addEventListener('change', onScheme);

    const url = new URL(
      execUrl({
        context,
        namespace,
        pod,
        container,
        shell,
        cols: Math.max(term.cols, 10),
        rows: Math.max(term.rows, 4),
      }),
      window.location.href,
    );
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const encoder = new TextEncoder();
    let ended = false;

    ws.onmessage = (e) => {
      if (e.data instanceof ArrayBuffer) return term.write(new Uint8Array(e.data));
      const m = JSON.parse(String(e.data)) as ServerMessage;
      if (m.type === 'started') {
        setPhase({ state: 'open', message: `Connected to ${m.container} (${m.command}).` });
        term.focus();
      } else {
        ended = true;
        setPhase({
          state: m.type === 'exit' ? 'ended' : 'failed',
          message: m.type === 'exit' ? `Session ended: ${m.message}.` : m.message,
        });
      }
    };
    ws.onclose = (e) => {
      if (ended) return;
      setPhase(
        e.code === CLOSE_ENDED
          ? { state: 'ended', message: 'Session ended.' }
          : {
              state: 'failed',
              message:
                'The terminal was refused or its connection was lost. Reload the page to see whether you may still open one.',
            },
      );
    };
    const typed = term.onData((data) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(encoder.encode(data));
    });
    const resized = term.onResize(({ cols, rows }) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'resize', cols, rows }));
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(el);

    return () => {
      observer.disconnect();
      typed.dispose();
      resized.dispose();
      scheme.removeEventListener('change', onScheme);
      ws.close();
      term.dispose();
    };
  }, [context, namespace, pod, container, shell, nonce]);

  return (
    <div className="space-y-1">
      <p
        role={phase.state === 'failed' ? 'alert' : 'status'}
        className={`text-sm ${phase.state === 'failed' ? 'text-bad' : 'text-muted'}`}
      >
        {phase.message}
      </p>
      <p className="text-xs text-muted">
        Tab completes in the shell; press Esc then Tab to leave the terminal.
      </p>
      <section
        ref={host}
        aria-label={`Terminal: ${container} in ${pod}`}
        data-testid="terminal"
        data-state={phase.state}
        className="h-80 overflow-hidden rounded-md border border-line bg-sunken p-2"
      />
    </div>
  );
}
