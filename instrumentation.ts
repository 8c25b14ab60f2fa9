/**
 * Runs once when the server starts, before it serves a request: refuses unsafe settings (bad env,
 * or local mode on a non-loopback address), so a dashboard that acts with someone's kubeconfig is
 * never exposed by accident.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { enforceStartupPolicy } = await import('./lib/startup');
    enforceStartupPolicy();
  }
}
