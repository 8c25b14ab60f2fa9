import { podApiPath } from '../../links';

/**
 * The terminal's choices and address, with no validation library: the pod page's client code
 * imports this, and must stay small (params.ts parses the same address with zod on the server).
 */

/** The shells a person may choose; "auto" tries bash and falls back to sh, as kubectl users do. */
export const EXEC_SHELLS = ['auto', 'bash', 'sh'] as const;
export type ExecShell = (typeof EXEC_SHELLS)[number];

/** The command each choice runs in the container: never text from the request. */
export function shellCommand(shell: ExecShell): string[] {
  if (shell === 'auto') return ['sh', '-c', 'command -v bash >/dev/null 2>&1 && exec bash || exec sh'];
  return [shell];
}

export interface ExecTarget {
  context: string;
  namespace: string;
  pod: string;
  container: string;
  shell: ExecShell;
  cols: number;
  rows: number;
}

/** The exec WebSocket's path and query for a container (the browser adds scheme and host). */
export function execUrl(t: ExecTarget): string {
  const q = new URLSearchParams({
    container: t.container,
    shell: t.shell,
    cols: String(t.cols),
    rows: String(t.rows),
  });
  return `${podApiPath(t.context, t.namespace, t.pod, 'exec')}?${q}`;
}
