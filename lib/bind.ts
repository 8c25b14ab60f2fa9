import net from 'node:net';
import type { AuthMode } from './env';

/**
 * Where the server is about to listen, and whether that is allowed. Pure functions over argv and
 * env so they can be tested without starting a server.
 */

/**
 * The value of the LAST occurrence of a `next start` option (`-H x`, `-Hx`, `-H=x`, `--hostname x`,
 * `--hostname=x`): Next's argument parser lets a later flag override an earlier one, so reading the
 * first would let `-H 127.0.0.1 -H 0.0.0.0` past the guard. Parsing stops at `--`.
 */
function lastOption(argv: readonly string[], short: string, long: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') break;
    if (a === short || a === long) {
      value = argv[i + 1] ?? '';
      i++;
    } else if (a.startsWith(`${long}=`)) value = a.slice(long.length + 1);
    else if (a.startsWith(`${short}=`)) value = a.slice(short.length + 1);
    else if (a.startsWith(short) && a.length > short.length && !a.startsWith('--'))
      value = a.slice(short.length);
  }
  return value;
}

/** The hostname `next start` or the standalone server.js will listen on; undefined = every interface. */
export function listenHost(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): string | undefined {
  const flag = lastOption(argv, '-H', '--hostname');
  if (flag !== undefined) return flag;
  // The standalone server.js listens on HOSTNAME, defaulting to 0.0.0.0.
  const script = argv[1] ?? '';
  if (/(^|[/\\])server\.js$/.test(script)) return env.HOSTNAME || '0.0.0.0';
  // Wheelhouse's own server (server.ts, built to server.mjs): HOSTNAME like server.js, else every
  // interface like `next start`.
  if (/(^|[/\\])server\.mjs$/.test(script)) return env.HOSTNAME || undefined;
  return undefined;
}

/** The port `next start` (flag, then PORT, then 3000) or the standalone server.js (PORT, 3000) listens on. */
export function listenPort(argv: readonly string[], env: Record<string, string | undefined>): number {
  const raw = lastOption(argv, '-p', '--port') ?? env.PORT ?? '3000';
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : 3000;
}

export function isLoopback(host: string | undefined): boolean {
  if (host === undefined) return false;
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) {
    if (h === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(h)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped ? (mapped[1] ?? '').startsWith('127.') : false;
  }
  return false;
}

/** The sentence the server stops with, or undefined when it may listen there. */
export function bindRefusal(mode: AuthMode, host: string | undefined): string | undefined {
  if (mode !== 'local' || isLoopback(host)) return undefined;
  const where = host === undefined ? 'every network interface (no --hostname given)' : `"${host}"`;
  return [
    `Wheelhouse refuses to listen on ${where} in local mode.`,
    'Local mode acts with the credentials in your kubeconfig, so anyone who can reach this port could',
    'act on your clusters as you. Either listen on loopback only (--hostname 127.0.0.1), or set',
    'WHEELHOUSE_AUTH_MODE=token or oidc (and WHEELHOUSE_SESSION_KEY) so that every person signs in with',
    'their own Kubernetes token or through your identity provider.',
  ].join('\n');
}
