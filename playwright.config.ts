import { defineConfig } from '@playwright/test';

// The cluster is started by e2e/test.sh (once per run); this file only serves the built app against
// it. Debian's chromium is used because Playwright cannot download its own browser here.
const port = Number(process.env.WHEELHOUSE_PORT ?? 3100);
const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG;
if (!kubeconfig)
  throw new Error('Run the browser tests through `npm test`: it starts the local cluster first.');

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Runs with its own servers and config (e2e/replicas/run.sh).
  testIgnore: 'replicas/**',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '.wheelhouse/results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // The one server entry (server.ts: Next plus the terminal WebSocket), rebuilt if stale.
    command: `npm run -s serve -- --port ${port}`,
    url: `http://127.0.0.1:${port}/api/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { KUBECONFIG: kubeconfig, NEXT_TELEMETRY_DISABLED: '1' },
  },
});
