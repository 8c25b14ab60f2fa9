import 'server-only';
import { installExecUpgrade } from '../path';
import { handleExecUpgrade, refuseUpgrade } from './upgrade';

/** Called once from instrumentation.ts: hands the terminal WebSocket handler to the custom server. */
export function installExecBridge(): void {
  installExecUpgrade((req, socket, head) => {
    handleExecUpgrade(req, socket, head).catch((e) => {
      console.error('[wheelhouse] exec upgrade failed', e);
      refuseUpgrade(socket, 500, 'error', 'The terminal could not be opened.');
    });
  });
}
