import { randomBytes } from 'node:crypto';
import { ADMIN_CONTEXT } from './support/kube';
import { openTerminal } from './support/terminal';
import { expect, test } from './support/test';

// The pod page's terminal on a seeded pod: KWOK runs a real local shell for it (e2e/cluster/cluster.sh),
// through the API server's exec with the dashboard user's credentials. Then the Audit page shows
// the session with its transcript; the viewer identity gets no terminal, and the WebSocket refuses it.

const POD = 'sim-crashloop';
const pod = (context: string) => `/c/${context}/demo/pods/${POD}`;

test('open a terminal, run a command, see its output, then find the transcript on the Audit page', async ({
  page,
}) => {
  await page.goto(pod(ADMIN_CONTEXT));
  const section = page.getByRole('region', { name: 'Terminal', exact: true });
  await section.getByRole('button', { name: 'Open terminal' }).click();
  const term = page.getByRole('region', { name: `Terminal: worker in ${POD}` });
  await expect(page.getByText(/^Connected to worker/)).toBeVisible();
  await expect(
    term.getByRole('textbox', { name: `Terminal in container worker of pod ${POD}` }),
  ).toBeFocused();
  // A prompt first: the shell is reading. It is KWOK's PS1 for sh (e2e/cluster/cluster.sh); bash
  // may take the system bashrc's ("root@host:~# ").
  await expect(term.locator('.xterm-rows')).toContainText(/[$#] /);
  const marker = `hello-${randomBytes(4).toString('hex')}`;
  // The quotes keep the typed line (echoed by the shell) from matching the command's output.
  await page.keyboard.type(`echo ${marker.replace('-', '-""')}\n`);
  await expect(term.locator('.xterm-rows')).toContainText(marker);
  await expect(term.locator('.xterm-rows')).toContainText(`echo hello-""`);
  await page.screenshot({ path: 'test-results/exec-terminal.png' });
  await page.keyboard.type('exit\n');
  await expect(page.getByText('Session ended: exited with status 0.')).toBeVisible();

  await page.goto(`/c/${ADMIN_CONTEXT}/demo/audit`);
  const row = page.getByRole('row').filter({ hasText: POD }).filter({ hasText: 'exec' }).first();
  await expect(row).toContainText('container worker');
  await expect(row).toContainText('exited with status 0');
  await row.getByText('Transcript').click();
  await expect(row.locator('pre').first()).toContainText(marker);
});

test('the viewer gets no terminal, with the reason, and the endpoint refuses the upgrade with 403', async ({
  page,
  baseURL,
}) => {
  await page.goto(pod('viewer'));
  const section = page.getByRole('region', { name: 'Terminal', exact: true });
  await expect(section).toContainText('You may not create pods/exec in namespace "demo".');
  await expect(section.getByRole('button', { name: 'Open terminal' })).toHaveCount(0);

  const url = `${baseURL?.replace(/^http/, 'ws')}/api/c/viewer/demo/pods/${POD}/exec?container=worker`;
  const refused = await openTerminal(url, { Origin: baseURL ?? '' });
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.body).error.message).toBe('You may not create pods/exec in namespace "demo".');
});

test('a WebSocket from another origin is refused, even for the admin', async ({ baseURL }) => {
  const url = `${baseURL?.replace(/^http/, 'ws')}/api/c/${ADMIN_CONTEXT}/demo/pods/${POD}/exec?container=worker`;
  const refused = await openTerminal(url, { Origin: 'https://evil.example' });
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.body).error.message).toMatch(/comes from another site/);
});

test('a page on another origin cannot open the terminal WebSocket from the browser', async ({
  page,
  baseURL,
}) => {
  // A real browser sends its own Origin: an evil page's script gets no connection.
  await page.route('http://evil.example/', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>evil</title>' }),
  );
  await page.goto('http://evil.example/');
  const url = `${baseURL?.replace(/^http/, 'ws')}/api/c/${ADMIN_CONTEXT}/demo/pods/${POD}/exec?container=worker`;
  const outcome = await page.evaluate(
    (u) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(u);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    url,
  );
  expect(outcome).toBe('refused');
});
