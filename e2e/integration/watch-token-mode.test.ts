import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { subscribe } from '@/lib/live/watch-cache';
import { core, createNamespace, deleteNamespace, waitFor } from '../support/kube';
import { sessionKey } from '../support/server';
import { type ListMirror, subscribeMirror } from '../support/stream';

// Token mode, in-process: the dashboard's kubeconfig is the admin's, so a list that a token's owner
// cannot see proves the cache used that token and not the dashboard's identity (or someone else's).
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
process.env.WHEELHOUSE_AUTH_MODE = 'token';
process.env.WHEELHOUSE_SESSION_KEY = sessionKey();

const viewer = { token: process.env.WHEELHOUSE_VIEWER_TOKEN ?? '' };
const nobody = { token: process.env.WHEELHOUSE_NOBODY_TOKEN ?? '' };
let ns: string;

before(async () => {
  assert.ok(viewer.token && nobody.token, 'run with the cluster env');
  ns = await createNamespace('tokencache');
  await core().createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'shared-list' } } });
});
after(async () => {
  await deleteNamespace(ns);
});

test('each token gets its own cached list: nobody never sees what the viewer listed', async () => {
  const lists: ListMirror[] = [];
  const subs = [viewer, nobody].map((p) => {
    const m: ListMirror = { rows: new Map(), snapshots: 0, errors: [], statuses: [] };
    lists.push(m);
    return subscribe(
      'admin',
      'configmaps',
      ns,
      (msg) => {
        if (msg.type === 'snapshot') m.rows = new Map(msg.rows.map((r) => [r.key, r]));
        if (msg.type === 'error') m.errors.push(msg.error.message);
      },
      p,
    );
  });
  try {
    const [v, n] = lists as [ListMirror, ListMirror];
    await waitFor('the viewer to see the ConfigMap', async () => v.rows.has(`${ns}/shared-list`));
    await waitFor('nobody to be refused', async () => n.errors.length > 0);
    assert.equal(n.errors[0], `You may not list configmaps in namespace "${ns}".`);
    assert.equal(n.rows.size, 0);
  } finally {
    for (const u of subs) u();
  }
});

test('without a signed-in person there is no list at all (no fallback to the dashboard identity)', () => {
  assert.throws(
    () => subscribeMirror('admin', 'configmaps', ns),
    (e: { status?: number }) => e.status === 401,
  );
});
