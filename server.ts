/**
 * Wheelhouse's server: Next.js through its custom-server API, so that one HTTP server also answers
 * the terminal WebSocket (a route handler cannot upgrade a connection). Everything but that one
 * address is Next's, exactly as `next start` serves it. Compiled to dist/server.mjs by
 * `npm run build`; takes `next start`'s --hostname and --port (and PORT, HOSTNAME like the
 * standalone server), so the startup guard in instrumentation.ts reads the same arguments.
 *
 *   node dist/server.mjs [--hostname H] [--port P] [--dev]
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import next from 'next';
import { listenHost, listenPort } from './lib/bind';
import { execUpgradeHandler, isExecPath } from './lib/resources/exec/path';

const argv = process.argv;
const dev = argv.includes('--dev');
const dir = process.cwd();
const port = listenPort(argv, process.env);
// Next's start-server and the origin rule read the port from PORT (lib/origin.ts).
process.env.PORT = String(port);
const hostname = listenHost(argv, process.env);

/**
 * The standalone output (the container image) has no next.config.js: its config is the one the
 * build recorded, which is what the generated standalone server.js passes too.
 */
function standaloneConfig(): Record<string, unknown> | undefined {
  if (
    dev ||
    ['next.config.js', 'next.config.mjs', 'next.config.ts'].some((f) => fs.existsSync(path.join(dir, f)))
  )
    return undefined;
  const file = path.join(dir, '.next', 'required-server-files.json');
  if (!fs.existsSync(file)) return undefined;
  const recorded = (JSON.parse(fs.readFileSync(file, 'utf8')) as { config: Record<string, unknown> }).config;
  // As the generated server.js does: the build folder is where this server runs, not where it was built.
  const config = { ...recorded, distDir: './.next' };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  return config;
}

const conf = standaloneConfig();
// Next attaches its own upgrade listener to the server it is given; give it none, so that every
// upgrade is routed once, below: the terminal to its handler, anything else (HMR in dev) to Next.
const detached = new EventEmitter() as unknown as Server;
const app = next({ dev, dir, hostname, port, httpServer: detached, ...(conf ? { conf } : {}) });

await app.prepare();
const handle = app.getRequestHandler();
const upgradeNext = app.getUpgradeHandler();

const server = createServer((req, res) => {
  handle(req, res).catch((e: unknown) => {
    console.error('[wheelhouse] request failed', e);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});

server.on('upgrade', (req, socket, head) => {
  const pathname = (req.url ?? '').split('?')[0] ?? '';
  if (isExecPath(pathname)) {
    const exec = execUpgradeHandler();
    if (exec) return exec(req, socket, head);
    socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  // Development: Next's hot reload. In production Next serves no WebSocket, and would leave the
  // socket hanging on a path it does not handle.
  if (dev) return void upgradeNext(req, socket, head).catch(() => socket.destroy());
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
});

const keepAlive = Number(process.env.KEEP_ALIVE_TIMEOUT);
if (Number.isInteger(keepAlive) && keepAlive > 0) server.keepAliveTimeout = keepAlive;

server.listen(port, hostname, () => {
  console.log(`[wheelhouse] ready on http://${hostname ?? '0.0.0.0'}:${port}${dev ? ' (development)' : ''}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    app.close().finally(() => process.exit(0));
    // Open terminals and streams keep the server from closing: do not wait for them forever.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
