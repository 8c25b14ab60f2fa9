import 'server-only';

/** Server-sent events: headers that stop proxies and compression from buffering the stream. */
export const SSE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

const encoder = new TextEncoder();

export function sseEvent(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A comment line: keeps idle connections open through proxies and surfaces a gone client as a write error. */
export const SSE_PING = encoder.encode(': ping\n\n');

export interface SseSink {
  send(event: string, data: unknown): void;
  /** Ends the stream once; later sends are dropped. */
  close(): void;
  readonly closed: boolean;
}

/**
 * A ReadableStream of SSE whose `run` starts producing and returns its cleanup. Cleanup runs exactly
 * once: on request abort, on stream cancel (the reader went away), or when the producer closes it.
 */
export function sseStream(
  signal: AbortSignal,
  run: (sink: SseSink) => () => void,
): ReadableStream<Uint8Array> {
  let cleanup: (() => void) | undefined;
  let closed = false;
  let ping: ReturnType<typeof setInterval> | undefined;
  let ctrl: ReadableStreamDefaultController<Uint8Array> | undefined;
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    signal.removeEventListener('abort', finish);
    cleanup?.();
    try {
      ctrl?.close();
    } catch {
      // already cancelled by the reader
    }
  };
  const sink: SseSink = {
    send(event, data) {
      if (closed || !ctrl) return;
      try {
        ctrl.enqueue(sseEvent(event, data));
      } catch {
        finish();
      }
    },
    close: finish,
    get closed() {
      return closed;
    },
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      ctrl = controller;
      if (signal.aborted) {
        closed = true;
        controller.close();
        return;
      }
      signal.addEventListener('abort', finish, { once: true });
      ping = setInterval(() => {
        try {
          controller.enqueue(SSE_PING);
        } catch {
          finish();
        }
      }, 15_000);
      const c = run(sink);
      if (closed) c();
      else cleanup = c;
    },
    cancel() {
      finish();
    },
  });
}
