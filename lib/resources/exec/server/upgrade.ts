import 'server-only';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Duplex, PassThrough, Writable } from 'node:stream';
import { Exec, type V1Status } from '@kubernetes/client-node';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { authMode, serverEnv } from '../../../env';
import { AppError, isAppError } from '../../../errors';
import { kubeConfig, type Principal } from '../../../kube/client';
import { tokenHash } from '../../../kube/credentials';
import { whoAmI } from '../../../kube/identity';
import { isRevoked, onRevoked, REVOKED_MESSAGE } from '../../../kube/revocation';
import { SIGNED_OUT_MESSAGE } from '../../../kube/session';
import { configuredOrigins, upgradeRefusal } from '../../../origin';
import { STATIC_SECURITY_HEADERS } from '../../../security';
import { SESSION_COOKIE, unseal } from '../../../session-seal';
import { type AuditRecord, recordAudit } from '../../audit/server/record';
import { type ExecTarget, parseExecUrl, shellCommand } from '../params';
import { CLOSE_ENDED, CLOSE_FAILED, exitOf, parseClientMessage, type ServerMessage } from '../protocol';
import { Transcript } from '../transcript';
import { execAccess } from './access';
import { closeExecSessionsOf, takeExecSlot } from './limits';

/**
 * The terminal WebSocket. The upgrade never passes through proxy.ts or a route handler (Next cannot
 * upgrade there), so it makes every check a request gets itself, in the same order and with the same
 * functions: Host and Origin, the session, the parameters, the operator switch and the cluster's
 * `create pods/exec` answer, the per-person bound. Only then is the socket upgraded and the session
 * opened to the API server with the person's own credentials; it is audited when it opens and when
 * it ends, with its transcript.
 */

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });
const PING_MS = 25_000;

function ownerOf(principal: Principal | undefined): string {
  return principal ? tokenHash(principal.token) : 'kubeconfig';
}

onRevoked((hash) => closeExecSessionsOf(hash));

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** The person the upgrade is for: token mode needs a live session; local mode is the kubeconfig. */
function principalOf(req: IncomingMessage): Principal | undefined {
  if (authMode() !== 'token') return undefined;
  const key = serverEnv().WHEELHOUSE_SESSION_KEY;
  const session = key ? unseal(cookie(req.headers.cookie, SESSION_COOKIE), key) : undefined;
  if (!session) throw new AppError(401, SIGNED_OUT_MESSAGE, 'unauthenticated');
  if (isRevoked(tokenHash(session.token))) throw new AppError(401, REVOKED_MESSAGE, 'unauthenticated');
  return { token: session.token };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Answers the upgrade with a plain HTTP error (the same JSON shape as every API error) and closes. */
export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: { status, code, message } });
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...STATIC_SECURITY_HEADERS,
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n${head}\r\n\r\n${body}`);
}

export async function handleExecUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  socket.on('error', () => socket.destroy());
  let target: ExecTarget;
  let principal: Principal | undefined;
  let user: string;
  let release: (() => void) | undefined;
  const closers: { close?: () => void } = {};
  try {
    const origin = upgradeRefusal(req.headers.host, req.headers.origin, configuredOrigins());
    if (origin)
      return refuseUpgrade(
        socket,
        origin.status,
        origin.status === 421 ? 'wrong_host' : 'cross_origin',
        origin.message,
      );
    principal = principalOf(req);
    target = parseExecUrl(req.url ?? '');
    const [access, who] = await Promise.all([
      execAccess(target.context, target.namespace, target.pod, principal),
      whoAmI(target.context, principal),
    ]);
    if (!access.allowed)
      throw new AppError(403, access.reason ?? 'You may not open a terminal here.', 'forbidden');
    user = who.username;
    release = takeExecSlot(ownerOf(principal), () => closers.close?.());
  } catch (e) {
    const err = isAppError(e) ? e : new AppError(500, 'The terminal could not be opened.', 'error');
    if (!isAppError(e)) console.error('[wheelhouse] exec upgrade failed', e);
    return refuseUpgrade(socket, err.status, err.code, err.message);
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    runSession(ws, target, principal, user, closers).finally(() => release?.());
  });
}

/** A writable the API server's output goes to, with the size the Exec class reads for resizes. */
class TerminalOutput extends Writable {
  constructor(
    public columns: number,
    public rows: number,
    private readonly onChunk: (chunk: Buffer) => void,
  ) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.onChunk(chunk);
    done();
  }
}

function send(ws: WebSocket, m: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
}

function bytesOf(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

async function runSession(
  ws: WebSocket,
  t: ExecTarget,
  principal: Principal | undefined,
  user: string,
  closers: { close?: () => void },
): Promise<void> {
  const transcript = new Transcript();
  const command = shellCommand(t.shell);
  const startTime = new Date().toISOString();
  const base: Omit<AuditRecord, 'time'> = {
    id: randomUUID(),
    user,
    context: t.context,
    verb: 'exec',
    resource: 'pods',
    namespace: t.namespace,
    name: t.pod,
    container: t.container,
    command: command.join(' '),
    startTime,
    result: 'success',
  };
  recordAudit({ ...base, message: 'terminal opened' });

  const output = new TerminalOutput(t.cols, t.rows, (chunk) => {
    transcript.add('output', chunk);
    if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true });
  });
  const input = new PassThrough();
  let ended = false;
  let upstream: { close(): void } | undefined;
  let settle = () => {};
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });

  const finish = (result: 'success' | 'failure', code: number | null, message: string) => {
    if (ended) return;
    ended = true;
    clearInterval(ping);
    const text = transcript.text();
    recordAudit(
      {
        ...base,
        result,
        message,
        endTime: new Date().toISOString(),
        exitCode: code,
        transcript: text.output,
        input: text.input,
        truncated: text.truncated,
      },
      { apiVersion: 'v1', kind: 'Pod' },
    );
    send(ws, result === 'success' ? { type: 'exit', code, message } : { type: 'error', message });
    ws.close(result === 'success' ? CLOSE_ENDED : CLOSE_FAILED, message.slice(0, 120));
    input.end();
    upstream?.close();
    settle();
  };
  closers.close = () => finish('success', null, 'ended: the sign-in was revoked');

  const ping = setInterval(() => ws.ping(), PING_MS);
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      const bytes = bytesOf(data);
      transcript.add('input', bytes);
      input.write(bytes);
      return;
    }
    const m = parseClientMessage(bytesOf(data).toString('utf8'));
    if (m?.type === 'resize') {
      output.columns = m.cols;
      output.rows = m.rows;
      output.emit('resize');
    }
  });
  ws.on('close', () => finish('success', null, 'closed in the browser'));
  ws.on('error', () => finish('success', null, 'the browser connection failed'));

  try {
    const conn = await new Exec(kubeConfig(t.context, principal)).exec(
      t.namespace,
      t.pod,
      t.container,
      command,
      output,
      null,
      input,
      true,
      (status: V1Status) => {
        const exit = exitOf(status);
        finish('success', exit.code, exit.message);
      },
    );
    upstream = conn;
    if (ended) return void conn.close();
    send(ws, { type: 'started', container: t.container, command: base.command ?? '' });
    conn.on('close', () => finish('success', null, 'the cluster closed the session'));
  } catch (e) {
    finish('failure', null, upstreamFailure(e));
  }
  // The person's slot is released only when the session has ended, however it ended.
  await settled;
}

/** A sentence for a session the API server did not open (its WebSocket handshake was refused). */
function upstreamFailure(e: unknown): string {
  const text = e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? '');
  const status = /Unexpected server response: (\d{3})/.exec(text)?.[1];
  if (status === '403') return 'The cluster refused the terminal (403): you may not exec into this pod.';
  if (status === '404') return 'The pod or container no longer exists.';
  if (status === '400') return 'The cluster refused the terminal (400): the container may not be running.';
  if (status) return `The cluster refused the terminal (HTTP ${status}).`;
  return 'The cluster could not be reached to open the terminal.';
}
