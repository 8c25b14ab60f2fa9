import { defineConfig } from '@playwright/test';

// Three replicas behind nginx: the spec starts them (and nginx) itself; run by e2e/replicas/run.sh.
if (!process.env.WHEELHOUSE_TEST_KUBECONFIG)
  throw new Error('Run the replica test through `npm test` (or e2e/replicas/run.sh with the cluster env).');

export default defineConfig({
  testDir: '.',
  testMatch: 'replicas.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 120_000,
  // Three servers, nginx and chromium on a small shared machine: cold first answers can be slow.
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: '../../.wheelhouse/results/replicas.json' }]],
  outputDir: '../../test-results/replicas',
  use: {
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
});
