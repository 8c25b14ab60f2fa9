import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type Dashboard, startDashboard } from '../support/server';

// public/: what a dashboard serves as plain files. Local mode; token mode must let the same paths
// through signed out (the proxy's public paths).

const root = path.resolve(import.meta.dirname, '../..');
let d: Dashboard;
before(async () => {
  d = await startDashboard({ KUBECONFIG: process.env.WHEELHOUSE_TEST_KUBECONFIG });
});
after(async () => {
  await d?.stop();
});

test('robots.txt keeps every crawler out', async () => {
  const res = await fetch(`${d.url}/robots.txt`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  assert.equal(await res.text(), 'User-agent: *\nDisallow: /\n');
});

test('the icons are served as the files in public/, and pages link them and ask not to be indexed', async () => {
  for (const [file, type] of [
    ['icon.svg', /^image\/svg\+xml/],
    ['favicon.ico', /^image\/(x-icon|vnd\.microsoft\.icon)/],
  ] as const) {
    const res = await fetch(`${d.url}/${file}`);
    assert.equal(res.status, 200, file);
    assert.match(res.headers.get('content-type') ?? '', type, file);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), fs.readFileSync(path.join(root, 'public', file)));
  }
  const html = await (await fetch(`${d.url}/c/admin/demo/deployments`)).text();
  assert.match(html, /<link rel="icon" href="\/icon\.svg" type="image\/svg\+xml"\/>/);
  assert.match(html, /<link rel="icon" href="\/favicon\.ico" sizes="16x16 32x32"\/>/);
  assert.match(html, /<meta name="robots" content="noindex, nofollow"\/>/);
});
