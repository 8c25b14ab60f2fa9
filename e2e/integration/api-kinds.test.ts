import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { formatAge } from '@/lib/format';
import { subscriptionId, type ViewSpec } from '@/lib/live/protocol';
import { configureViews } from '@/lib/live/view-cache';
import { configureWatchCache, watchCacheStats } from '@/lib/live/watch-cache';
import type { ApiKindsNav } from '@/lib/resources/api-kinds/discovery';
import { assertListKinds, ensureDiscovery, resolveApiKind } from '@/lib/resources/api-kinds/server/discovery';
import { ADMIN_CONTEXT, createNamespace, deleteNamespace, waitFor } from '../support/kube';
import { openTabStream, openViewTab, type TabStream, type ViewTab } from '../support/stream';

/**
 * Every API kind, at the real API server: a CRD with printer columns (one of them priority 1, which
 * `kubectl get` leaves out) and its custom resources. Its list through the tab stream has exactly
 * kubectl get's columns and values, stays live through the Table-format watch, and costs one
 * LIST+WATCH for any number of tabs; the CRD reaches an open tab's navigation view when it is
 * established and leaves it when deleted.
 */

process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;

const suffix = Math.random().toString(36).slice(2, 8);
const GROUP = `t${suffix}.wheelhouse.test`;
const PLURAL = 'widgets';
const SLUG = `${PLURAL}.${GROUP}`;
let ns: string;

function kubectl(args: string[], input?: string): string {
  const bin = process.env.WHEELHOUSE_BIN ? `${process.env.WHEELHOUSE_BIN}/kubectl` : 'kubectl';
  return execFileSync(bin, ['--kubeconfig', process.env.KUBECONFIG ?? '', '--context', 'admin', ...args], {
    encoding: 'utf8',
    input: input ?? '',
  });
}

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: SLUG },
  spec: {
    group: GROUP,
    scope: 'Namespaced',
    names: { plural: PLURAL, singular: 'widget', kind: 'Widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  colour: { type: 'string' },
                  size: { type: 'integer' },
                  ready: { type: 'boolean' },
                  note: { type: 'string' },
                },
              },
            },
          },
        },
        additionalPrinterColumns: [
          { name: 'Colour', type: 'string', jsonPath: '.spec.colour' },
          { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
          { name: 'Ready', type: 'boolean', jsonPath: '.spec.ready' },
          { name: 'Note', type: 'string', jsonPath: '.spec.note', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};

const widget = (name: string, spec: Record<string, unknown>) =>
  JSON.stringify({ apiVersion: `${GROUP}/v1`, kind: 'Widget', metadata: { name, namespace: ns }, spec });

const navSpec = (): ViewSpec => ({ context: ADMIN_CONTEXT, view: 'api-kinds', namespace: '_all' });
const navHas = (tab: ViewTab, slug: string) =>
  ((tab.views.get(subscriptionId(navSpec())) as ApiKindsNav | undefined)?.groups ?? []).some((g) =>
    g.kinds.some((k) => k.slug === slug),
  );

let nav: ViewTab | undefined;
const tabs: TabStream[] = [];

before(async () => {
  configureWatchCache({ graceMs: 300 });
  configureViews({ graceMs: 300 });
  ns = await createNamespace('apikinds');
});

after(async () => {
  nav?.close();
  for (const t of tabs) t.close();
  kubectl(['delete', 'crd', SLUG, '--ignore-not-found', '--wait=false']);
  await deleteNamespace(ns);
});

/** `kubectl get` as text: the header and each row's cells (tabwriter pads with at least 3 spaces). */
function kubectlGet(): { header: string[]; rows: string[][] } {
  const lines = kubectl(['get', SLUG, '-n', ns]).trimEnd().split('\n');
  const split = (l: string) => l.trim().split(/ {3,}/);
  return { header: split(lines[0] ?? ''), rows: lines.slice(1).map(split) };
}

const seconds = (age: string) => {
  const m = /^(\d+)([smhd])$/.exec(age);
  assert.ok(m, `an age as kubectl prints it: ${age}`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's'];
};

test('a CRD installed while a tab is open reaches its navigation; its list has kubectl get’s columns and values, live', async () => {
  await ensureDiscovery(ADMIN_CONTEXT);
  nav = openViewTab([navSpec()]);
  const open = nav;
  await waitFor('the navigation view', async () => open.views.has(subscriptionId(navSpec())));
  assert.equal(navHas(open, SLUG), false);
  // Built-in kinds beyond Wheelhouse's own come from aggregated discovery.
  assert.ok(navHas(open, 'serviceaccounts'), 'ServiceAccounts are in the navigation');
  assert.ok(navHas(open, 'roles.rbac.authorization.k8s.io'), 'Roles are in the navigation');
  assert.equal(navHas(open, 'deployments'), false, 'Wheelhouse lists Deployments itself');

  kubectl(['apply', '-f', '-'], JSON.stringify(crd));
  await waitFor('the new CRD in the open tab’s navigation', async () => navHas(open, SLUG), {
    timeoutMs: 30_000,
  });

  kubectl(['apply', '-f', '-'], widget('alpha', { colour: 'blue', size: 3, ready: true, note: 'wide only' }));
  kubectl(['apply', '-f', '-'], widget('beta', { colour: 'red', size: 2, ready: false }));

  const kind = await resolveApiKind(ADMIN_CONTEXT, SLUG);
  assert.equal(kind.table, true);
  assert.equal(kind.version, 'v1');
  const listsBefore = watchCacheStats().lists;
  const watchesBefore = watchCacheStats().watches;
  const first = await openTabStream({ context: ADMIN_CONTEXT, kind: SLUG, namespace: ns });
  tabs.push(first);
  await waitFor('both widgets over the stream', async () => first.list.rows.size === 2);

  const get = kubectlGet();
  const columns = first.list.columns ?? [];
  assert.deepEqual(
    ['NAME', ...columns.map((c) => c.label.toUpperCase())],
    get.header,
    'the same columns as kubectl get (the priority-1 column left out)',
  );
  assert.deepEqual(get.header, ['NAME', 'COLOUR', 'SIZE', 'READY', 'AGE']);
  const now = Date.now();
  for (const kubectlRow of get.rows) {
    const [name, ...cells] = kubectlRow;
    const row = first.list.rows.get(`${ns}/${name}`);
    assert.ok(row, `${name} is in Wheelhouse's list`);
    const ours = columns.map((c) =>
      c.type === 'age' ? formatAge(String(row.cells[c.key]), now) : String(row.cells[c.key] ?? ''),
    );
    const theirs = cells;
    for (const [i, c] of columns.entries()) {
      if (c.type === 'age')
        assert.ok(Math.abs(seconds(ours[i] ?? '') - seconds(theirs[i] ?? '')) <= 1, `${name} age`);
      else assert.equal(ours[i], theirs[i], `${name} ${c.label}`);
    }
  }

  // Five more tabs on the same list: no LIST or WATCH more than the first tab's one.
  for (let i = 0; i < 5; i++)
    tabs.push(await openTabStream({ context: ADMIN_CONTEXT, kind: SLUG, namespace: ns }));
  await waitFor('every tab to have the rows', async () => tabs.every((t) => t.list.rows.size === 2));
  assert.equal(watchCacheStats().lists - listsBefore, 1, 'one LIST for six tabs');
  await waitFor('the watch to be open', async () => watchCacheStats().watches - watchesBefore >= 1);
  assert.equal(watchCacheStats().watches - watchesBefore, 1, 'one WATCH for six tabs');

  // Live: a change and a new object arrive as Table rows through the watch.
  const colour = columns.find((c) => c.label === 'Colour')?.key ?? '';
  kubectl(['patch', SLUG, 'beta', '-n', ns, '--type=merge', '-p', '{"spec":{"colour":"green","size":7}}']);
  kubectl(['apply', '-f', '-'], widget('gamma', { colour: 'violet', size: 1, ready: true }));
  await waitFor('the patch and the new widget in every tab', async () =>
    tabs.every(
      (t) => t.list.rows.get(`${ns}/beta`)?.cells[colour] === 'green' && t.list.rows.has(`${ns}/gamma`),
    ),
  );
  const size = columns.find((c) => c.label === 'Size')?.key ?? '';
  assert.equal(first.list.rows.get(`${ns}/beta`)?.cells[size], 7);
  kubectl(['delete', SLUG, 'alpha', '-n', ns]);
  await waitFor('the deletion in every tab', async () => tabs.every((t) => !t.list.rows.has(`${ns}/alpha`)));

  // Deleting the CRD takes it out of the open tab's navigation.
  kubectl(['delete', 'crd', SLUG]);
  await waitFor('the CRD to leave the navigation', async () => !navHas(open, SLUG), { timeoutMs: 30_000 });
});

test('bad input: an unknown kind or group is a sentence, a malformed one a 400', async () => {
  await assert.rejects(resolveApiKind(ADMIN_CONTEXT, 'gizmos.nope.example.com'), {
    status: 404,
    message: 'The cluster serves no kind "gizmos" in the API group "nope.example.com".',
  });
  await assert.rejects(resolveApiKind(ADMIN_CONTEXT, 'gizmos'), {
    status: 404,
    message: /no kind "gizmos" in the core API group/,
  });
  await assert.rejects(resolveApiKind(ADMIN_CONTEXT, 'Not_A/kind'), {
    status: 400,
    message: /is not a kind/,
  });
  await assert.rejects(assertListKinds([{ context: ADMIN_CONTEXT, kind: 'gizmos.nope.example.com' }]), {
    status: 400,
    message: /^Invalid subscriptions: unknown kind "gizmos.nope.example.com"\. The cluster serves no kind/,
  });
});
