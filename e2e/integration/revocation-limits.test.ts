import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { StreamItem } from '@/lib/live/protocol';
import { type HttpTab, openHttpTab, streamUrl } from '../support/http-tab';
import { adminConfig, core, createNamespace, deleteNamespace, waitFor } from '../support/kube';
import { type Dashboard, sessionKey, startDashboard } from '../support/server';

// Token mode, real cluster, real HTTP: a revoked token stops being served (streams end, new tabs,
// streams with any subscription set and searches get 401), and one person's excess is refused to that person only.

const kubeconfig = process.env.WHEELHOUSE_TEST_KUBECONFIG;
const viewerToken = process.env.WHEELHOUSE_VIEWER_TOKEN ?? '';
const nobodyToken = process.env.WHEELHOUSE_NOBODY_TOKEN ?? '';
const CONTEXT = 'admin';

let ns: string;
let dash: Dashboard;

before(async () => {
  assert.ok(kubeconfig && viewerToken && nobodyToken, 'run with the cluster env (see the team brief)');
  ns = await createNamespace('revoke');
  await core().createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'before' } } });
  dash = await startDashboard({
    WHEELHOUSE_AUTH_MODE: 'token',
    WHEELHOUSE_SESSION_KEY: sessionKey(),
    KUBECONFIG: kubeconfig,
    WHEELHOUSE_TOKEN_RECHECK_SECONDS: '2',
    WHEELHOUSE_MAX_TABS_PER_USER: '3',
    WHEELHOUSE_MAX_WATCHES_PER_USER: '4',
    WHEELHOUSE_SEARCHES_PER_MINUTE: '3',
    WHEELHOUSE_MAX_SUBSCRIPTIONS_PER_TAB: '20',
  });
});

after(async () => {
  await dash?.stop();
  await deleteNamespace(ns);
});

async function signIn(token: string): Promise<string> {
  const res = await fetch(`${dash.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: dash.url },
    body: JSON.stringify({ token }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
}

/** A ServiceAccount that may read ConfigMaps in the namespace, and a token for it. */
async function reader(name: string): Promise<string> {
  await core().createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name } } });
  await adminConfig()
    .makeApiClient(RbacAuthorizationV1Api)
    .createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name, namespace: ns }],
      },
    });
  const tr = await adminConfig()
    .makeApiClient(CoreV1Api)
    .createNamespacedServiceAccountToken({
      namespace: ns,
      name,
      body: { spec: { audiences: [], expirationSeconds: 3600 } },
    });
  return tr.status?.token ?? '';
}

interface Seen {
  items: StreamItem[];
  events: string[];
  tab: HttpTab;
}

function tab(cookie: string, subscriptions: { context: string; kind: string; namespace: string }[]): Seen {
  const seen: Seen = { items: [], events: [], tab: undefined as unknown as HttpTab };
  seen.tab = openHttpTab(
    dash.url,
    subscriptions,
    (block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? '';
      seen.events.push(event);
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event === 'batch' && data) seen.items.push(...(JSON.parse(data) as StreamItem[]));
    },
    { Cookie: cookie },
  );
  return seen;
}

/**
 * Opens a tab (retrying while the closed one still counts against the bound of 3) and returns the
 * first error its list gets.
 */
async function nobodyRefusalOnceATabCloses(
  cookie: string,
  spec: { context: string; kind: string; namespace: string },
): Promise<{ status: number; message: string }> {
  let res: Response | undefined;
  await waitFor('a fourth tab once one closed', async () => {
    const r = await fetch(streamUrl(dash.url, [spec]), { headers: { Cookie: cookie } });
    if (r.status === 200) res = r;
    else await r.body?.cancel();
    return r.status === 200;
  });
  assert.ok(res?.body, 'the stream has a body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      assert.ok(!done, 'the stream ended before the list was answered');
      buf += decoder.decode(value, { stream: true });
      for (const m of buf.matchAll(/^data: (\[.*\])$/gm)) {
        const error = (JSON.parse(m[1] ?? '[]') as StreamItem[]).find((i) => i.t === 'error');
        if (error?.t === 'error') return error.error;
      }
    }
  } finally {
    await reader.cancel();
  }
}

const names = (s: Seen) =>
  s.items.flatMap((i) => (i.t === 'snapshot' || i.t === 'append' ? i.rows.map((r) => r.name) : []));

test('hole 4: a revoked token ends its streams with "signed out", and is refused everywhere after', async () => {
  const token = await reader('leaving');
  const cookie = await signIn(token);
  const sub = { context: CONTEXT, kind: 'configmaps', namespace: ns };
  const open = tab(cookie, [sub]);
  await waitFor('the first snapshot', async () => names(open).includes('before'));
  await core().deleteNamespacedServiceAccount({ namespace: ns, name: 'leaving' });
  // Within the re-check period (2 s here) the stream says so and ends.
  await waitFor('the stream to end signed out', async () => open.events.includes('signed-out'), {
    timeoutMs: 15_000,
  });
  await open.tab.done;
  assert.ok(
    open.items.some((i) => i.t === 'error' && /no longer accepts your token/.test(i.error.message)),
    'every list is emptied with the reason',
  );
  await core().createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'after' } } });
  assert.equal(names(open).includes('after'), false);

  // A new tab, a new subscription, a search and a page with the same cookie: nothing from the cache.
  const stream = await fetch(streamUrl(dash.url, [sub]), { headers: { Cookie: cookie } });
  assert.equal(stream.status, 401);
  const search = await fetch(`${dash.url}/api/c/${CONTEXT}/${ns}/search?q=before`, {
    headers: { Cookie: cookie },
  });
  assert.equal(search.status, 401);
  const page = await (
    await fetch(`${dash.url}/c/${CONTEXT}/${ns}/configmaps`, { headers: { Cookie: cookie } })
  ).text();
  assert.doesNotMatch(page, />before</);
});

test('hole 5: one person is bounded in tabs, lists and searches, and the others are not', async () => {
  const nobody = await signIn(nobodyToken);
  const viewer = await signIn(viewerToken);
  const sub = { context: CONTEXT, kind: 'configmaps', namespace: ns };
  const tabs = [0, 1, 2].map(() => tab(nobody, [sub]));
  try {
    await waitFor('three tabs open', async () => tabs.every((t) => t.events.includes('hello')));
    const fourth = await fetch(`${dash.url}/api/stream?tab=${crypto.randomUUID()}`, {
      headers: { Cookie: nobody },
    });
    assert.equal(fourth.status, 429);
    assert.match(
      ((await fourth.json()) as { error: { message: string } }).error.message,
      /WHEELHOUSE_MAX_TABS_PER_USER/,
    );
    // The viewer is not refused for what nobody holds.
    const v = tab(viewer, [sub]);
    await waitFor('the viewer to be served', async () => names(v).includes('before'));

    // Made-up namespaces: refused after one check each, with a sentence, never watched.
    const madeUp = Array.from({ length: 12 }, (_, i) => `wh-nope-${i}-${Date.now().toString(36)}`);
    const v2 = tab(
      viewer,
      madeUp.map((n) => ({ context: CONTEXT, kind: 'pods', namespace: n })),
    );
    await waitFor('every made-up namespace refused', async () =>
      madeUp.every((n) =>
        v2.items.some((i) => i.t === 'error' && i.error.status === 404 && i.error.message.includes(`"${n}"`)),
      ),
    );
    assert.equal(names(v2).length, 0);
    assert.equal(
      v2.items.some((i) => i.t === 'snapshot'),
      false,
      'no list was made for a namespace that does not exist',
    );

    // Distinct upstream lists: the viewer holds 1 (configmaps); 5 more kinds exceed the 4 allowed.
    const kinds = ['secrets', 'services', 'deployments', 'pods', 'jobs'];
    const v3 = tab(
      viewer,
      kinds.map((kind) => ({ context: CONTEXT, kind, namespace: ns })),
    );
    await waitFor('the excess list refused', async () =>
      v3.items.some((i) => i.t === 'error' && i.error.code === 'too_many_watches'),
    );
    const excess = v3.items.flatMap((i) =>
      i.t === 'error' && i.error.code === 'too_many_watches' ? [i.error] : [],
    );
    assert.equal(excess.length, 2, 'with configmaps held, three more are served and two refused');
    assert.match(excess[0]?.message ?? '', /WHEELHOUSE_MAX_WATCHES_PER_USER/);
    // …while nobody, who holds little, still gets a new list started (refused by RBAC, not by the bound).
    tabs[0]?.tab.close();
    const n4 = await nobodyRefusalOnceATabCloses(nobody, {
      context: CONTEXT,
      kind: 'services',
      namespace: ns,
    });
    assert.equal(n4.status, 403, `refused by the cluster, not by a bound: ${n4.message}`);

    // Searches per minute: the viewer's fourth is refused, nobody's first is not.
    const search = (cookie: string) =>
      fetch(`${dash.url}/api/c/${CONTEXT}/${ns}/search?q=before`, { headers: { Cookie: cookie } });
    for (let i = 0; i < 3; i++) assert.equal((await search(viewer)).status, 200);
    const refused = await search(viewer);
    assert.equal(refused.status, 429);
    assert.match(
      ((await refused.json()) as { error: { message: string } }).error.message,
      /in the last minute/,
    );
    assert.equal((await search(nobody)).status, 200);
    for (const t of [v, v2, v3]) t.tab.close();
  } finally {
    for (const t of tabs) t.tab.close();
  }
});
