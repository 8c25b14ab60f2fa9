/**
 * Starts the built dashboard (`npm run build`: dist/server.mjs, the server `npm run serve` runs) as
 * a child process with the given environment, for tests that need their own mode (token mode,
 * in-cluster, a refused bind).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const serverEntry = path.join(root, 'dist', 'server.mjs');
let built = false;

/** The server entry, rebuilt once per test process (esbuild, milliseconds) so it is never stale. */
function serverArgs(args: string[]): string[] {
  if (!built) {
    execFileSync('npm', ['run', '-s', 'build:server'], { cwd: root, stdio: 'inherit' });
    built = true;
  }
  return [serverEntry, ...args];
}

export interface Dashboard {
  url: string;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export function sessionKey(): string {
  return randomBytes(32).toString('base64');
}

/** The dashboard's environment: only what is given, plus PATH/HOME, so the test decides the mode. */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    ...env,
  };
}

export interface Exit {
  code: number | null;
  output: string;
}

/** Runs the server and resolves when it exits (or kills it after `timeoutMs` and resolves with what it said). */
export function runUntilExit(
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, serverArgs(args), { cwd: root, env: childEnv(env) });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export async function startDashboard(
  env: Record<string, string | undefined>,
  host = '127.0.0.1',
  /** A port chosen beforehand, for settings that name the dashboard's own address (OIDC). */
  chosenPort?: number,
): Promise<Dashboard> {
  const port = chosenPort ?? (await freePort());
  const child: ChildProcess = spawn(
    process.execPath,
    serverArgs(['--hostname', host, '--port', String(port)]),
    {
      cwd: root,
      env: childEnv(env),
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`The dashboard exited during start:\n${output}`);
    try {
      const res = await fetch(`${url}/api/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The dashboard did not answer /api/healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Every page and API route in app/, with its dynamic segments filled in. */
export async function appRoutes(
  fill: Record<string, string>,
): Promise<{ pages: string[]; api: { path: string; methods: string[] }[] }> {
  const fs = await import('node:fs');
  const appDir = path.join(root, 'app');
  const files = (fs.readdirSync(appDir, { recursive: true }) as string[]).map((f) =>
    f.split(path.sep).join('/'),
  );
  const toPath = (dir: string) =>
    `/${dir}`
      .replace(/\/\([^)]+\)/g, '') // route groups
      .replace(/\[\.\.\.(\w+)\]|\[\[\.\.\.(\w+)\]\]|\[(\w+)\]/g, (_m, a, b, c) => fill[a ?? b ?? c] ?? 'x')
      .replace(/\/$/, '') || '/';
  const pages = files
    .filter((f) => /(^|\/)page\.tsx$/.test(f))
    .map((f) => toPath(path.posix.dirname(f).replace(/^\.$/, '')));
  const api = files
    .filter((f) => /(^|\/)route\.ts$/.test(f))
    .map((f) => {
      const text = fs.readFileSync(path.join(appDir, f), 'utf8');
      const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) =>
        new RegExp(`export (async )?function ${m}\\b|export const ${m}\\b|export \\{[^}]*\\b${m}\\b`).test(
          text,
        ),
      );
      return { path: toPath(path.posix.dirname(f)), methods };
    });
  return { pages, api };
}
