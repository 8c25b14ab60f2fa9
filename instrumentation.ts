/**
 * Runs once when the server starts, before it serves a request: refuses unsafe settings (bad env,
 * or local mode on a non-loopback address), so a dashboard that acts with someone's kubeconfig is
 * never exposed by accident; then hands the terminal WebSocket handler to the custom server
 * (server.ts), which owns the upgrade event that route handlers cannot see.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { enforceStartupPolicy } = await import('./lib/startup');
    enforceStartupPolicy();
    const { installExecBridge } = await import('./lib/resources/exec/server/bridge');
    installExecBridge();
  }
}
