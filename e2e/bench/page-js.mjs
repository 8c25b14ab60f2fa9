// Client JS a page loads: the root main files plus the page's entry chunks (from the Turbopack
// client reference manifest), raw and gzipped. Usage: node e2e/bench/page-js.mjs [.next dir]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] ?? '.next';
const pages = {
  'Pods list': 'c/[context]/[namespace]/[kind]',
  'Deployment page': 'c/[context]/[namespace]/deployments/[name]',
  Overview: 'c/[context]/[namespace]/overview',
  'Pod page': 'c/[context]/[namespace]/pods/[name]',
};
const root = JSON.parse(fs.readFileSync(path.join(dir, 'build-manifest.json'), 'utf8')).rootMainFiles;
for (const [label, route] of Object.entries(pages)) {
  const manifest = fs.readFileSync(
    path.join(dir, 'server/app', route, 'page_client-reference-manifest.js'),
    'utf8',
  );
  const entries = JSON.parse(`{${/"entryJSFiles":(\{[^}]*\})/.exec(manifest)?.[0] ?? ''}}`).entryJSFiles;
  const files = new Set([...root, ...(entries[`[project]/app/${route}/page`] ?? [])]);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = fs.readFileSync(path.join(dir, f));
    raw += buf.length;
    gz += zlib.gzipSync(buf).length;
  }
  console.log(
    `| ${label} | ${(raw / 1024).toFixed(1)} KiB | ${(gz / 1024).toFixed(1)} KiB gz | ${files.size} files |`,
  );
}
