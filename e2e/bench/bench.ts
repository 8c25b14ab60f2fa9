/**
 * `npm run bench` (through e2e/bench/run.sh): the numbers the issue asks for, printed, not asserted.
 * Needs a running dashboard ($WHEELHOUSE_BENCH_URL) on a cluster with KWOK nodes ($KUBECONFIG admin).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { Watch } from '@kubernetes/client-node';
import { chromium, type Page } from '@playwright/test';
import { readApiCounts } from '../support/apiserver-metrics';
import { adminConfig, core, waitFor } from '../support/kube';
import { populate } from './populate';
import { openStream } from './sse';

const base = process.env.WHEELHOUSE_BENCH_URL ?? 'http://127.0.0.1:3000';
const PODS = Number(process.env.BENCH_PODS ?? 10_000);
const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 1_000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/**
 * What each of the bench's stream clients asks for: the Pods page's first window (as a tab does), or
 * with BENCH_WHOLE_LIST=1 the whole list, as tabs did before lists were windows.
 */
const spec = {
  context: 'admin',
  kind: 'pods',
  namespace: '_all',
  ...(process.env.BENCH_WHOLE_LIST === '1'
    ? {}
    : { window: { q: '', selector: '', sort: 'name', dir: 'asc' as const, offset: 0, count: 300 } }),
};

/** All-namespaces pod requests, as the API server counts them: watches open now, LISTs so far. */
const podCounts = () => readApiCounts(process.env.KUBECONFIG, undefined, 'cluster');
const podWatches = () => podCounts().watches.get('pods') ?? 0;
const podLists = () => podCounts().requests.get('LIST pods') ?? 0;

function serverPid(): string | undefined {
  const port = new URL(base).port;
  const ss = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  return /pid=(\d+)/.exec(ss)?.[1];
}

function serverRssMiB(pid = serverPid()): number {
  if (!pid) return Number.NaN;
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/**
 * How far the page's clock (timeOrigin + now) is ahead of this process's Date.now(): the reading with
 * the shortest round trip of several, taken as read half-way through it. Figures that start on one
 * clock and end on the other are corrected by it.
 */
async function pageClockAhead(page: Page): Promise<number> {
  let best = { rtt: Number.POSITIVE_INFINITY, ahead: 0 };
  for (let i = 0; i < 9; i++) {
    const t0 = Date.now();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = Date.now();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, ahead: inPage - (t0 + t1) / 2 };
  }
  return best.ahead;
}

/**
 * A watch of the timed pods straight from the API server, for the latency the cluster itself adds:
 * when each (key, resourceVersion) was seen here. They are labelled first, so that the API server
 * sends this watch only theirs and the bench stays as light as before.
 */
async function watchPodsDirectly(
  keys: string[],
): Promise<{ seen: Map<string, [string, number][]>; stop: () => void }> {
  for (const key of keys) {
    const [namespace = '', name = ''] = key.split('/');
    await core().patchNamespacedPod({
      namespace,
      name,
      body: [{ op: 'add', path: '/metadata/labels/bench-timed', value: 'yes' }],
    });
  }
  const seen = new Map<string, [string, number][]>();
  const rv = (await core().listPodForAllNamespaces({ limit: 1 })).metadata?.resourceVersion ?? '';
  const req = await new Watch(adminConfig()).watch(
    '/api/v1/pods',
    { resourceVersion: rv, labelSelector: 'bench-timed=yes' },
    (_type: string, obj: { metadata?: { namespace?: string; name?: string; resourceVersion?: string } }) => {
      const key = `${obj.metadata?.namespace}/${obj.metadata?.name}`;
      const list = seen.get(key) ?? [];
      list.push([obj.metadata?.resourceVersion ?? '', Date.now()]);
      seen.set(key, list);
    },
    () => undefined,
  );
  return { seen, stop: () => req.abort() };
}

/** When a stream (or watch) first carried the sample's change or a later one, by etcd revision. */
function arrivalOf(
  arrivals: Map<string, [string, number][]>,
  s: { key: string; rv: string; at: number },
): number | undefined {
  return arrivals.get(s.key)?.find(([rv, t]) => Number(rv) >= Number(s.rv) && t >= s.at - 1000)?.[1];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

// Each figure is printed as soon as it is measured, so a run that breaks still reports how far it got.
const out = new Proxy({} as Record<string, string>, {
  set(target, key: string, value: string) {
    target[key] = value;
    console.error(`[bench] ${key}: ${value}`);
    return true;
  },
});

async function main() {
  if (process.env.BENCH_SKIP_POPULATE !== '1') {
    await populate({ namespaces: Math.max(1, Math.round(PODS / 100)), deployments: DEPLOYMENTS, pods: PODS });
  }
  // KWOK is still starting pods for a while after they are created; measure a settled cluster.
  const t = Date.now();
  await waitFor(
    'every pod to be Running',
    async () =>
      (await core().listPodForAllNamespaces({ fieldSelector: 'status.phase!=Running', limit: 1 })).items
        .length === 0,
    { timeoutMs: 600_000, intervalMs: 2000 },
  );
  out['cluster settled (all pods Running) after, s'] = ((Date.now() - t) / 1000).toFixed(0);
  const baseline = podWatches();
  const listsBefore = podLists();

  // 1 tab, then 20: the upstream watch count must not move.
  const first = openStream(base, spec);
  const t0 = Date.now();
  await first.ready;
  out['cold list+snapshot of all pods (server cache cold), ms'] = String(Date.now() - t0);
  out['cold first rows on the stream (server cache cold), ms'] = String((first.firstRowsAt ?? NaN) - t0);
  // A streaming list is the watch itself; a paged LIST is one request per 500 pods.
  out['upstream LIST requests for the cold list'] = String(podLists() - listsBefore);
  const what = spec.window ? 'first whole window' : 'snapshot';
  out[`rows in the ${what}`] = String(first.snapshotRows);
  out[`${what} size, MiB`] = (first.snapshotBytes / 1024 / 1024).toFixed(2);
  out['upstream pod watches with 1 tab'] = String(podWatches() - baseline);
  const more = Array.from({ length: 19 }, () => openStream(base, spec));
  await Promise.all(more.map((m) => m.ready));
  out['upstream pod watches with 20 tabs'] = String(podWatches() - baseline);
  out['server RSS with 20 tabs, MiB'] = serverRssMiB().toFixed(0);
  for (const m of more) m.close();

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--enable-precise-memory-info'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // A string, not a function: tsx would wrap named arrows in a helper the page does not have.
  await page.addInitScript(`
    window.__long = [];
    window.__seen = [];
    window.__arrived = [];
    // When each row version reached the page over the stream, to split the latency at the browser.
    function rowsIn(v, out) {
      if (Array.isArray(v)) for (const x of v) rowsIn(x, out);
      else if (v && typeof v === 'object') {
        if (typeof v.key === 'string' && typeof v.rv === 'string') out.push([v.key, v.rv]);
        else for (const k in v) if (k !== 'cells' && k !== 'labels') rowsIn(v[k], out);
      }
    }
    const addListener = EventSource.prototype.addEventListener;
    EventSource.prototype.addEventListener = function (type, fn, opts) {
      if (type !== 'batch') return addListener.call(this, type, fn, opts);
      return addListener.call(this, type, function (ev) {
        const at = performance.timeOrigin + performance.now();
        const rows = [];
        try { rowsIn(JSON.parse(ev.data), rows); } catch {}
        for (const [k, rv] of rows) window.__arrived.push([k, rv, at]);
        return fn.call(this, ev);
      }, opts);
    };
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
    // When the page hydrated (components/shell/hydration-mark.tsx): the task hydrating it is the
    // page's load, those starting after it are what a user's input waits behind.
    window.__hydratedAt = undefined;
    new MutationObserver(() => {
      if (window.__hydratedAt === undefined && document.documentElement.dataset.hydrated)
        window.__hydratedAt = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
    window.__firstRow = undefined;
    // A filter's input or a sort's click, and when the first row shown changed after it.
    window.__acted = undefined;
    window.__shown = undefined;
    for (const type of ['input', 'click'])
      addEventListener(type, () => {
        window.__acted = performance.now();
        window.__shown = undefined;
        window.__counted = undefined;
      }, true);
    // When the list's count ("N of M in …") next reads as whole after an input: a filter's whole pass.
    function counted() {
      if (window.__acted === undefined || window.__counted !== undefined) return;
      for (const p of document.querySelectorAll('p'))
        if (/^\\d+ of \\d+ in /.test(p.textContent ?? '')) window.__counted = performance.now();
    }
    function firstShown() {
      const k = document.querySelector('tbody tr[data-key]')?.getAttribute('data-key');
      if (k === window.__k) return;
      window.__k = k;
      if (window.__acted !== undefined && window.__shown === undefined) window.__shown = performance.now();
    }
    function note(el) {
      if (window.__firstRow === undefined && el.matches('tbody tr[data-key]')) window.__firstRow = performance.now();
      const rv = el.getAttribute('data-rv');
      const key = el.getAttribute('data-key');
      if (rv && key) window.__seen.push([key, rv, performance.timeOrigin + performance.now()]);
    }
    new MutationObserver((records) => {
      firstShown();
      counted();
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) note(r.target);
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue;
          if (n.matches('tr[data-rv]')) note(n);
          for (const tr of n.querySelectorAll('tr[data-rv]')) note(tr);
        }
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-rv'],
    });
  `);
  const tNav = Date.now();
  await page.goto(`${base}/c/admin/_all/pods`, { waitUntil: 'commit' });
  await page.locator('tbody tr[data-key]').first().waitFor();
  out['first rows of all-namespaces Pods (warm cache), ms'] = String(Date.now() - tNav);
  /** The longest task since the list was last cleared, of all and of those that began after hydration. */
  const longestTasks = async (): Promise<[number, number]> => {
    const { tasks, hydratedAt } = await page.evaluate(() => {
      const w = window as unknown as { __long: [number, number][]; __hydratedAt?: number };
      return { tasks: w.__long, hydratedAt: w.__hydratedAt ?? Number.POSITIVE_INFINITY };
    });
    const longest = (ts: [number, number][]) => Math.round(Math.max(0, ...ts.map(([, d]) => d)));
    return [longest(tasks), longest(tasks.filter(([start]) => start >= hydratedAt))];
  };
  const firstRowInPage = () =>
    page.evaluate(() => Math.round((window as unknown as { __firstRow: number }).__firstRow));
  out['the same, measured in the page from its navigation, ms'] = String(await firstRowInPage());
  // The server render shows the first rows and the count; the list is live once the tab's stream
  // has sent its window (before windows, this waited for every row to reach the browser).
  await page
    .locator('table[data-live="true"]')
    .waitFor({ timeout: 120_000 })
    .catch(async (e) => {
      await page.screenshot({ path: `${process.env.WHEELHOUSE_CLUSTER_DIR ?? '/tmp'}/bench-failure.png` });
      throw e;
    });
  out["list live in the browser (the stream's window), ms"] = String(Date.now() - tNav);
  const [duringLoad, afterHydration] = await longestTasks();
  out['longest main-thread task during load, ms'] = String(duringLoad);
  out['longest main-thread task after hydration, ms'] = String(afterHydration);
  out['browser JS heap with the list shown, MiB'] = (
    (await page.evaluate(
      () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
    )) /
    1024 /
    1024
  ).toFixed(1);
  await page.evaluate(() => {
    (window as unknown as { __long: [number, number][] }).__long = [];
  });

  // RATE pod updates per second for SECONDS; every 5th one to a pod in the viewport, to time it.
  const visible = await page
    .locator('tbody tr[data-key]')
    .evaluateAll((trs) => trs.slice(0, 15).map((tr) => tr.getAttribute('data-key') ?? ''));
  const pods = (await core().listPodForAllNamespaces({ limit: 2000 })).items.map(
    (p) => `${p.metadata?.namespace}/${p.metadata?.name}`,
  );
  const ahead = await pageClockAhead(page);
  out["page clock ahead of the bench's, ms (corrected for)"] = ahead.toFixed(1);
  const direct = await watchPodsDirectly(visible);
  // `at`: the patch's answer reached the bench; `sent`: the bench sent it. The answer waits on this
  // process's busy event loop and can come after the change is on screen; the send cannot.
  const samples: { key: string; rv: string; at: number; sent: number }[] = [];
  const changesBefore = first.changes;
  const bytesBefore = first.changeBytes;
  let seq = 0;
  const inflight: Promise<void>[] = [];
  const start = Date.now();
  while (Date.now() - start < SECONDS * 1000) {
    const due = start + (seq * 1000) / RATE;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    const timed = seq % 5 === 0 && visible.length > 0;
    const key = timed ? visible[seq % visible.length] : pods[(seq * 7919) % pods.length];
    const [namespace, name] = (key ?? '').split('/');
    const n = seq++;
    const sent = Date.now();
    inflight.push(
      core()
        .patchNamespacedPod({
          namespace: namespace ?? '',
          name: name ?? '',
          body: [{ op: 'add', path: '/metadata/labels/bench-seq', value: String(n) }],
        })
        .then((p) => {
          if (timed)
            samples.push({ key: key ?? '', rv: p.metadata?.resourceVersion ?? '', at: Date.now(), sent });
        })
        .catch(() => undefined),
    );
  }
  await Promise.all(inflight);
  const achieved = seq / ((Date.now() - start) / 1000);
  await page.waitForTimeout(2000);
  direct.stop();
  // On the bench's clock, like the samples.
  const onBenchClock = (xs: [string, string, number][]) =>
    xs.map(([k, rv, t]): [string, string, number] => [k, rv, t - ahead]);
  const seen = onBenchClock(
    await page.evaluate(() => (window as unknown as { __seen: [string, string, number][] }).__seen),
  );
  // KWOK updates a pod right after each of ours, and the stream coalesces both into one change, so the
  // DOM may skip our exact resourceVersion. The bench (only) compares them as etcd revisions: the first
  // DOM state at or after ours is when our change became visible.
  const lat: number[] = [];
  const fromSent: number[] = [];
  for (const s of samples) {
    const hit = seen.find(([k, rv, t]) => k === s.key && Number(rv) >= Number(s.rv) && t >= s.at - 1000);
    if (hit) lat.push(hit[2] - s.at);
    if (hit) fromSent.push(hit[2] - s.sent);
  }
  // The same, measured where the stream reaches a client: the server's share of the latency.
  const server: number[] = [];
  for (const s of samples) {
    const hit = arrivalOf(first.arrivals, s);
    if (hit !== undefined) server.push(hit - s.at);
  }
  // In the page alone (one clock): from the stream's message to the DOM showing that row version.
  const arrived = onBenchClock(
    await page.evaluate(() => (window as unknown as { __arrived: [string, string, number][] }).__arrived),
  );
  // The API server's own share: its watch event against its answer to the patch (may come first).
  const cluster: number[] = [];
  const clusterFromSent: number[] = [];
  for (const s of samples) {
    const hit = arrivalOf(direct.seen, s);
    if (hit === undefined) continue;
    cluster.push(hit - s.at);
    clusterFromSent.push(hit - s.sent);
  }
  const inPage: number[] = [];
  const toPage: number[] = [];
  for (const s of samples) {
    const a = arrived.find(([k, rv, t]) => k === s.key && Number(rv) >= Number(s.rv) && t >= s.at - 1000);
    if (!a) continue;
    toPage.push(a[2] - s.at);
    const d = seen.find(([k, rv, t]) => k === s.key && Number(rv) >= Number(a[1]) && t >= a[2] - 1);
    if (d) inPage.push(d[2] - a[2]);
  }
  out['stream-to-DOM in the page p50 / p99 (browser share), ms'] =
    `${pct(inPage, 50).toFixed(0)} / ${pct(inPage, 99).toFixed(0)}`;
  out["watch-to-page's stream p50 / p99, ms"] =
    `${pct(toPage, 50).toFixed(0)} / ${pct(toPage, 99).toFixed(0)}`;
  out['patch answer to a direct watch p50 / p99 (the API server), ms'] =
    `${pct(cluster, 50).toFixed(0)} / ${pct(cluster, 99).toFixed(0)}`;
  out['watch-to-stream p50 / p99 (server share), ms'] =
    `${pct(server, 50).toFixed(0)} / ${pct(server, 99).toFixed(0)}`;
  out['updates sent per second (achieved)'] = achieved.toFixed(0);
  out['watch-to-DOM samples (seen/sent)'] = `${lat.length}/${samples.length}`;
  out['watch-to-DOM p50, ms'] = pct(lat, 50).toFixed(0);
  out['watch-to-DOM p99, ms'] = pct(lat, 99).toFixed(0);
  out['patch sent to a direct watch p50 / p99 (the API server alone), ms'] =
    `${pct(clusterFromSent, 50).toFixed(0)} / ${pct(clusterFromSent, 99).toFixed(0)}`;
  out['patch sent to DOM p50 / p99, ms'] =
    `${pct(fromSent, 50).toFixed(0)} / ${pct(fromSent, 99).toFixed(0)}`;
  // Behind its rate, the bench queues patches before they are sent, so "sent" is not when they went.
  if (achieved < RATE * 0.95) out['patch sent to DOM p50 / p99, ms'] += ' (bench behind its rate: not valid)';
  out['longest main-thread task under load, ms'] = String((await longestTasks())[0]);
  // Three more warm loads, in the page's own clock: one load is a noisy figure.
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${base}/c/admin/_all/pods`, { waitUntil: 'commit' });
    await page.locator('tbody tr[data-key]').first().waitFor();
    loads.push(await firstRowInPage());
  }
  out['first rows, 3 more warm loads (in the page), ms'] = loads.join(' / ');
  // A filter of a live list: the tab's stream is serving it, not still opening.
  await page.locator('table[data-live="true"]').waitFor({ timeout: 120_000 });
  // Last, so the figures above are measured as before: a filter of the whole list (a node's pods),
  // then a sort by name the other way, each from the input to the rows shown.
  const filter = page.getByRole('searchbox', { name: 'Filter' });
  const tFilter = Date.now();
  await filter.fill('wh-node-7');
  await page.getByText(/^\d+ of \d+ in all namespaces$/).waitFor();
  out['filter of the whole list shown, ms'] = String(Date.now() - tFilter);
  // In the page alone, from the input event to the first row changing (Playwright's own steps left out).
  const actedToShown = () =>
    page.evaluate(() => {
      const w = window as unknown as { __acted?: number; __shown?: number };
      return w.__acted !== undefined && w.__shown !== undefined
        ? String(Math.round(w.__shown - w.__acted))
        : 'n/a';
    });
  const filterInPage = await actedToShown();
  // Playwright's wait polls at growing intervals (up to 500 ms), so the figure above is a bound; the
  // page's own clock says when the whole count was shown.
  out['filter of the whole list counted, in the page (input to "N of M"), ms'] = await page.evaluate(() => {
    const w = window as unknown as { __acted?: number; __counted?: number };
    return w.__acted !== undefined && w.__counted !== undefined
      ? String(Math.round(w.__counted - w.__acted))
      : 'n/a';
  });
  await filter.fill('');
  await page.getByText(/^\d+ in all namespaces$/).waitFor();
  const firstKey = () => page.locator('tbody tr[data-key]').first().getAttribute('data-key');
  const before = await firstKey();
  const tSort = Date.now();
  await page.getByRole('button', { name: 'Name', exact: true }).click();
  await page.waitForFunction(
    (key) => document.querySelector('tbody tr[data-key]')?.getAttribute('data-key') !== key,
    before,
  );
  out['sort of the whole list shown, ms'] = String(Date.now() - tSort);
  out['filter / sort, in the page (input to the first row shown), ms'] =
    `${filterInPage} / ${await actedToShown()}`;
  const changes = first.changes - changesBefore;
  out['bytes sent to a tab per change event'] = changes
    ? ((first.changeBytes - bytesBefore) / changes).toFixed(0)
    : 'n/a';
  out['server RSS after the run, MiB'] = serverRssMiB().toFixed(0);
  // A cold cache: nothing open on the pods for the cache's grace and the orders' linger, so its
  // watch stops. Then the page alone: its first window is served while the list streams in.
  await page.goto('about:blank');
  first.close();
  // The server's orders linger 30 s after their last tab and the cache's list 15 s after that
  // (lib/live/windows.ts, watch-cache.ts); the cluster's pod watch count alone can drop for other
  // reasons (a controller re-watching), so both must say the list is gone.
  const closed = Date.now();
  await waitFor(
    'the pod list to leave the cache',
    async () => Date.now() - closed > 47_000 && podWatches() <= baseline,
    { timeoutMs: 180_000, intervalMs: 1000 },
  );
  const pid = serverPid();
  const rssCold = serverRssMiB(pid);
  let rssPeak = rssCold;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, serverRssMiB(pid));
  }, 100);
  const tCold = Date.now();
  await page.goto(`${base}/c/admin/_all/pods`, { waitUntil: 'commit' });
  await page.locator('tbody tr[data-key]').first().waitFor({ timeout: 120_000 });
  out['first rows, cold cache (in the page), ms'] = String(await firstRowInPage());
  await page.getByText(/^\d+ in all namespaces$/).waitFor({ timeout: 300_000 });
  out['the whole list shown, cold cache, ms'] = String(Date.now() - tCold);
  clearInterval(sampler);
  out['server RSS before / peak during the cold list, MiB'] = `${rssCold.toFixed(0)} / ${rssPeak.toFixed(0)}`;
  await browser.close();
  const width = Math.max(...Object.keys(out).map((k) => k.length));
  console.log(
    `\nWheelhouse bench: ${PODS} pods, ${DEPLOYMENTS} Deployments, ${RATE} updates/s for ${SECONDS} s`,
  );
  for (const [k, v] of Object.entries(out)) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
