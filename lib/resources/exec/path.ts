import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The terminal WebSocket's address, and the hand-off between the custom server (server.ts, which
 * owns the HTTP server and its `upgrade` event) and the exec handler (compiled by Next with the rest
 * of lib/, installed by instrumentation.ts). No dependencies: the custom server is bundled alone.
 */

export const EXEC_PATH = /^\/api\/c\/([^/]+)\/([^/]+)\/pods\/([^/]+)\/exec$/;

export function isExecPath(pathname: string): boolean {
  return EXEC_PATH.test(pathname);
}

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const shared = globalThis as typeof globalThis & { __wheelhouseExecUpgrade?: UpgradeHandler };

export function installExecUpgrade(handler: UpgradeHandler): void {
  shared.__wheelhouseExecUpgrade = handler;
}

export function execUpgradeHandler(): UpgradeHandler | undefined {
  return shared.__wheelhouseExecUpgrade;
}
