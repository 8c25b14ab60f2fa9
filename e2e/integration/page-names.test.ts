import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WORKLOAD_KINDS } from '@/lib/links';
import { KIND_SLUGS } from '@/lib/resources/lists/kinds';
import { appRoutes, type Dashboard, startDashboard } from '../support/server';

// Every page and API route that takes an object name, in one namespace and in all, with names the
// API server would refuse: each answers 400 or 404 with a sentence, never a 500. The page-level
// twin of fuzz.test.ts, exhaustive rather than sampled.

const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG;
const BAD_NAMES = [
  'trailing-',
  '-leading',
  'UPPER',
  "quo'te",
  'a..b',
  'dot.',
  '.dot',
  'under_score',
  'a'.repeat(254),
  'sp%20ace',
  '%3Cscript%3E',
];

let dash: Dashboard;

before(async () => {
  assert.ok(kubeconfig, 'run with the cluster env (see the team brief)');
  dash = await startDashboard({ KUBECONFIG: kubeconfig });
});

after(async () => {
  await dash?.stop();
});

/** Every route with a [name], with [kind] filled by every kind it can take. */
async function namedRoutes(namespace: string) {
  const kinds = [...new Set([...KIND_SLUGS, ...WORKLOAD_KINDS, 'deployments', 'statefulsets', 'daemonsets'])];
  const pages = new Set<string>();
  const api = new Map<string, string[]>();
  for (const kind of kinds) {
    const r = await appRoutes({ context: 'admin', namespace, kind, name: '__NAME__' });
    for (const p of r.pages) if (p.includes('__NAME__')) pages.add(p);
    for (const a of r.api) if (a.path.includes('__NAME__')) api.set(a.path, a.methods);
  }
  return { pages: [...pages], api: [...api] };
}

for (const namespace of ['demo', '_all']) {
  test(`every page and route with a name refuses bad names with a sentence, namespace ${namespace}`, async (t) => {
    const { pages, api } = await namedRoutes(namespace);
    assert.ok(pages.length >= 14, `only ${pages.length} pages with a name`);
    const failures: string[] = [];
    let checked = 0;
    for (const name of BAD_NAMES) {
      for (const p of pages) {
        const url = `${dash.url}${p.replace('__NAME__', name)}`;
        const res = await fetch(url, { redirect: 'manual' });
        const body = await res.text();
        checked++;
        if (res.status !== 400 && res.status !== 404) failures.push(`${res.status} GET ${url}`);
        else if (!/role="alert"|could not be found|does not exist|not found/i.test(body))
          failures.push(`no sentence: ${res.status} GET ${url}`);
      }
      for (const [path, methods] of api) {
        for (const method of methods.filter((m) => m !== 'HEAD')) {
          const url = `${dash.url}${path.replace('__NAME__', name)}`;
          const res = await fetch(url, {
            method,
            headers: { Origin: dash.url, 'Content-Type': 'application/json' },
            body: method === 'GET' ? undefined : '{}',
          });
          const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
          checked++;
          if (res.status !== 400 && res.status !== 404) failures.push(`${res.status} ${method} ${url}`);
          else if (!body.error?.message?.endsWith('.')) failures.push(`no sentence: ${method} ${url}`);
        }
      }
    }
    t.diagnostic(`${checked} requests, ${pages.length} pages, ${api.length} routes`);
    assert.deepEqual(
      failures,
      [],
      `${failures.length} failures; server said:\n${dash.output().slice(-2000)}`,
    );
  });
}

test('a page with a bad name says which rule the name breaks', async () => {
  const res = await fetch(`${dash.url}/c/admin/demo/events/trailing-`);
  assert.equal(res.status, 400);
  assert.match(await res.text(), /Invalid name &#34;trailing-&#34;: a name is a DNS-1123 subdomain/);
  const svc = await fetch(`${dash.url}/c/admin/demo/services/1web`);
  assert.equal(svc.status, 400);
  assert.match(await svc.text(), /DNS-1035 label/);
});
