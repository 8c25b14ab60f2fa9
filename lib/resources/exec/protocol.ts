/**
 * The terminal WebSocket between the browser and Wheelhouse: binary frames carry the terminal's
 * bytes (keystrokes up, output down), text frames carry these JSON messages. Pure and shared.
 */

export type ClientMessage = { type: 'resize'; cols: number; rows: number };

export type ServerMessage =
  | { type: 'started'; container: string; command: string }
  | { type: 'exit'; code: number | null; message: string }
  | { type: 'error'; message: string };

/** Close codes in the private range, so the browser can tell an ended session from a lost one. */
export const CLOSE_ENDED = 4000;
export const CLOSE_FAILED = 4001;

export function parseClientMessage(text: string): ClientMessage | undefined {
  try {
    const m = JSON.parse(text) as { type?: unknown; cols?: unknown; rows?: unknown };
    const ok = (n: unknown, lo: number, hi: number): n is number =>
      typeof n === 'number' && Number.isInteger(n) && n >= lo && n <= hi;
    if (m.type === 'resize' && ok(m.cols, 2, 1000) && ok(m.rows, 2, 500))
      return { type: 'resize', cols: m.cols, rows: m.rows };
  } catch {
    // Not JSON: ignored like any other unknown message.
  }
  return undefined;
}

/**
 * The exit status in the API server's closing Status (channel 3): 0 on Success, the ExitCode cause
 * otherwise, null when the command did not run to an exit (the message says why).
 */
export function exitOf(status: {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}): { code: number | null; message: string } {
  if (status.status === 'Success') return { code: 0, message: 'exited with status 0' };
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = cause?.message !== undefined ? Number(cause.message) : Number.NaN;
  if (Number.isInteger(code)) return { code, message: `exited with status ${code}` };
  // Runtimes that report the exit only in the message (KWOK: "... cmd wait: ...: exit status 2").
  const inMessage = /exit status (\d{1,3})$/.exec(status.message ?? '')?.[1];
  if (inMessage !== undefined) return { code: Number(inMessage), message: `exited with status ${inMessage}` };
  return { code: null, message: status.message ?? status.reason ?? 'the session ended' };
}
