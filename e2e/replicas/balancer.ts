/**
 * Several dashboard replicas behind Debian's nginx, as a team runs them: round-robin, no affinity,
 * unbuffered (SSE), WebSocket upgrades passed through. Each replica is started with the app's own
 * start command (`npm run serve`, given PORT), so a change of that command is tested here too.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/server';

const root = path.resolve(import.meta.dirname, '../..');

/** Which replica answered, as nginx names its upstream (`127.0.0.1:<port>`). */
export const UPSTREAM_HEADER = 'x-wheelhouse-upstream';

export interface Replica {
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: boolean;
}

export interface Balancer {
  url: string;
  replicas: Replica[];
  /** Ends a replica at once (SIGKILL to its process group), as a crashed pod. */
  kill: (port: number) => Promise<void>;
  /** What nginx logged (access and errors), for a failure's message. */
  logs: () => string;
  stop: () => Promise<void>;
}

async function healthy(url: string, replica: Replica | undefined, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (replica?.exited) throw new Error(`A replica exited during start:\n${replica.output()}`);
    try {
      if ((await fetch(`${url}/api/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer /api/healthz in ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function startReplica(port: number, env: Record<string, string>): Replica {
  // Its own process group (detached), so killing it ends npm, its shell and the server together.
  const child = spawn('npm', ['run', '-s', 'serve'], {
    cwd: root,
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      ...env,
    },
  });
  const r: Replica = { port, child, output: () => out, exited: false };
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  child.on('exit', () => (r.exited = true));
  return r;
}

function killGroup(r: Replica, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (r.exited || r.child.pid === undefined) return resolve();
    r.child.once('exit', () => resolve());
    try {
      process.kill(-r.child.pid, signal);
    } catch {
      resolve();
    }
  });
}

function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 512; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  # Round-robin (nginx's default), no affinity: every request of a tab may reach another replica.
  upstream wheelhouse {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://wheelhouse;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # For exec and other WebSocket routes.
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      # Server-sent events go out as they are written.
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
      add_header X-Wheelhouse-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** Starts `count` replicas with `env` (plus PORT each) and nginx in front; resolves when all answer. */
export async function startBalanced(
  count: number,
  /** Each replica's environment, given the balancer's address and the replica's port. */
  env: (balancerUrl: string, port: number) => Record<string, string>,
): Promise<Balancer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wheelhouse-nginx-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const ports: number[] = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  const replicas = ports.map((p) => startReplica(p, env(url, p)));
  let nginx: ChildProcess | undefined;
  const stop = async () => {
    if (nginx && nginx.exitCode === null) {
      const n = nginx;
      await new Promise<void>((resolve) => {
        n.once('exit', () => resolve());
        n.kill('SIGTERM');
      });
    }
    await Promise.all(replicas.map((r) => killGroup(r, 'SIGTERM')));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(replicas.map((r) => healthy(`http://127.0.0.1:${r.port}`, r, 90_000)));
    fs.mkdirSync(path.join(dir, 'tmp'));
    // nginx run by root hands requests to unprivileged workers: they need their temp folders.
    if (process.getuid?.() === 0) {
      const nobody = Number(execFileSync('id', ['-u', 'nobody']).toString());
      fs.chownSync(path.join(dir, 'tmp'), nobody, -1);
    }
    const conf = path.join(dir, 'nginx.conf');
    fs.writeFileSync(conf, nginxConfig(dir, port, ports));
    nginx = spawn('nginx', ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await healthy(url, undefined, 15_000);
  } catch (e) {
    await stop();
    throw e;
  }
  const read = (f: string) => {
    try {
      return fs.readFileSync(path.join(dir, f), 'utf8');
    } catch {
      return '';
    }
  };
  return {
    url,
    replicas,
    kill: async (p) => {
      const r = replicas.find((x) => x.port === p);
      if (!r) throw new Error(`no replica on port ${p}`);
      await killGroup(r, 'SIGKILL');
    },
    logs: () => `${read('access.log')}\n${read('error.log')}`,
    stop,
  };
}

/** The replica port in an answer's upstream header (the last one nginx tried). */
export function upstreamPort(header: string | undefined | null): number | undefined {
  const last = header
    ?.split(/[,:]\s*/)
    .filter(Boolean)
    .at(-1);
  const n = Number(last);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
