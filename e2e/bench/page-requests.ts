/**
 * Per-page request rates at the API server with N tabs open, in steady state: what each open page
 * costs the cluster once it has loaded. Run against a started dashboard:
 *
 *   node --import tsx e2e/bench/page-requests.ts --base http://127.0.0.1:PORT --mode stream|poll \
 *     --tabs 1,20 --seconds 60 [--pages overview-all,deployment]
 *
 * `stream` opens each tab as the pages do now (one SSE stream, the page's view subscriptions);
 * `poll` repeats what the pages did before the live views (their JSON routes every 2 s, as SWR's
 * refreshInterval did), for the before column. Rates are the dashboard's: the same window with no
 * tab open is subtracted. Needs KUBECONFIG (the admin's) and WHEELHOUSE_BIN from the cluster's env.
 */
import { parseArgs } from 'node:util';
import type { SubscriptionSpec } from '@/lib/live/protocol';
import { readApiCounts, requestsBetween, sumVerb, totalWatches } from '../support/apiserver-metrics';
import { openHttpTab } from '../support/http-tab';

interface PageDef {
  /** The page itself, loaded once per tab (its initial reads are not counted). */
  page: string;
  /** What the page's tab subscribes to now. */
  specs: SubscriptionSpec[];
  /** What the page polled every 2 s before. */
  polled: string[];
}

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    mode: { type: 'string', default: 'stream' },
    tabs: { type: 'string', default: '1,20' },
    seconds: { type: 'string', default: '60' },
    pages: { type: 'string' },
    pod: { type: 'string', default: 'sim-crashloop' },
  },
});
const base = values.base ?? '';
const seconds = Number(values.seconds);
const C = 'admin';
const NS = 'demo';
const api = `/api/c/${C}`;
const PAGES: Record<string, PageDef> = {
  'overview-all': {
    page: `/c/${C}/_all/overview`,
    specs: [{ context: C, view: 'overview', namespace: '_all' }],
    polled: [`${api}/_all/overview`],
  },
  'overview-demo': {
    page: `/c/${C}/${NS}/overview`,
    specs: [
      { context: C, view: 'overview', namespace: NS },
      { context: C, view: 'security', namespace: NS },
    ],
    polled: [`${api}/${NS}/overview`],
  },
  deployment: {
    page: `/c/${C}/shop/deployments/checkout`,
    specs: [
      { context: C, view: 'rollout', namespace: 'shop', kind: 'deployments', name: 'checkout' },
      { context: C, view: 'workload-pods', namespace: 'shop', kind: 'deployments', name: 'checkout' },
    ],
    // The rollout panel's JSON and the pod panel's health JSON, as the page polled them.
    polled: [
      `${api}/shop/workloads/deployments/checkout`,
      `${api}/shop/workloads/deployment/checkout/health`,
    ],
  },
  statefulset: {
    page: `/c/${C}/data/statefulsets/postgres`,
    specs: [
      { context: C, view: 'rollout', namespace: 'data', kind: 'statefulsets', name: 'postgres' },
      { context: C, view: 'workload-pods', namespace: 'data', kind: 'statefulsets', name: 'postgres' },
    ],
    polled: [
      `${api}/data/workloads/statefulsets/postgres`,
      `${api}/data/workloads/statefulset/postgres/health`,
    ],
  },
  pod: {
    page: `/c/${C}/${NS}/pods/${values.pod}`,
    specs: [{ context: C, view: 'pod', namespace: NS, name: values.pod }],
    polled: [`${api}/${NS}/pods/${values.pod}`],
  },
  nodes: {
    page: `/c/${C}/_all/nodes`,
    specs: [{ context: C, view: 'nodes', namespace: '_all' }],
    polled: [`${api}/_all/nodes`],
  },
  service: {
    page: `/c/${C}/${NS}/services/web`,
    specs: [{ context: C, view: 'service', namespace: NS, name: 'web' }],
    polled: [],
  },
  storage: {
    page: `/c/${C}/${NS}/storage`,
    specs: [{ context: C, view: 'storage', namespace: NS }],
    polled: [],
  },
  security: {
    page: `/c/${C}/${NS}/security`,
    specs: [{ context: C, view: 'security', namespace: NS }],
    polled: [],
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One open tab: the page loaded once, then its stream (now) or its 2 s polls (before). */
function openTab(p: PageDef, loads: Promise<unknown>[]): () => void {
  let stopped = false;
  loads.push(fetch(`${base}${p.page}`).then((r) => r.text()));
  if (values.mode === 'poll') {
    const loop = async () => {
      while (!stopped) {
        await Promise.all(
          p.polled.map(async (u) => {
            const r = await fetch(`${base}${u}`);
            await r.text();
            if (r.status !== 200) throw new Error(`${u} answered ${r.status}`);
          }),
        );
        await sleep(2000);
      }
    };
    void loop();
    return () => {
      stopped = true;
    };
  }
  const tab = openHttpTab(base, p.specs, () => undefined);
  tab.done.catch((e: unknown) => console.error('tab failed', e));
  return () => tab.close();
}

async function window(): Promise<{ list: number; get: number; watch: number; other: Map<string, number> }> {
  const a = readApiCounts();
  await sleep(seconds * 1000);
  const d = requestsBetween(a, readApiCounts());
  return { list: sumVerb(d, 'LIST'), get: sumVerb(d, 'GET'), watch: sumVerb(d, 'WATCH'), other: d };
}

const rate = (n: number) => (n / seconds).toFixed(2);

async function main() {
  const idle = await window();
  const idleWatches = totalWatches(readApiCounts());
  console.log(`idle: LIST/s ${rate(idle.list)}, GET/s ${rate(idle.get)}, open watches ${idleWatches}`);
  const pages = values.pages ? values.pages.split(',') : Object.keys(PAGES);
  const tabCounts = (values.tabs ?? '1').split(',').map(Number);
  console.log(`| page | tabs | LIST/s | GET/s | new WATCH/s | watches open |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const name of pages) {
    const p = PAGES[name];
    if (!p) throw new Error(`unknown page ${name}`);
    for (const n of tabCounts) {
      const loads: Promise<unknown>[] = [];
      const closers = Array.from({ length: n }, () => openTab(p, loads));
      // Initial loads and LISTs settle first: what is counted is the steady state.
      await Promise.all(loads);
      await sleep(5000);
      const w = await window();
      const watches = totalWatches(readApiCounts()) - idleWatches;
      console.log(
        `| ${name} | ${n} | ${rate(Math.max(0, w.list - idle.list))} | ${rate(Math.max(0, w.get - idle.get))} | ${rate(Math.max(0, w.watch - idle.watch))} | ${watches} |`,
      );
      for (const c of closers) c();
      // The cache's grace period (15 s) lets the upstream watches go, and queued polls drain.
      await sleep(25_000);
    }
  }
}

await main();
process.exit(0);
