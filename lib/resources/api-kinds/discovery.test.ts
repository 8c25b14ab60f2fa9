import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareVersions,
  crdResources,
  kindDefOf,
  mergeResources,
  navOf,
  pageSlug,
  parseDiscovery,
  pluralLabel,
  slugOf,
} from './discovery';

const resource = (resource: string, kind: string, scope: string, verbs = ['get', 'list', 'watch']) => ({
  resource,
  responseKind: { group: '', version: '', kind },
  scope,
  verbs,
});

test('aggregated discovery: listable kinds at the preferred version, subresources and unlistable ones left out', () => {
  const body = {
    kind: 'APIGroupDiscoveryList',
    items: [
      {
        metadata: { name: 'example.com' },
        versions: [
          { version: 'v2', resources: [resource('widgets', 'Widget', 'Namespaced')] },
          {
            version: 'v1',
            resources: [
              resource('widgets', 'Widget', 'Namespaced'),
              resource('gadgets', 'Gadget', 'Cluster'),
            ],
          },
        ],
      },
      {
        metadata: { name: 'authentication.k8s.io' },
        versions: [
          { version: 'v1', resources: [resource('tokenreviews', 'TokenReview', 'Cluster', ['create'])] },
        ],
      },
    ],
  };
  assert.deepEqual(parseDiscovery(body), [
    { group: 'example.com', version: 'v2', resource: 'widgets', kind: 'Widget', namespaced: true },
    { group: 'example.com', version: 'v1', resource: 'gadgets', kind: 'Gadget', namespaced: false },
  ]);
  assert.deepEqual(parseDiscovery({ kind: 'Status' }), []);
  assert.deepEqual(parseDiscovery(null), []);
});

test('version priority as Kubernetes sorts it: GA, beta, alpha, then the rest', () => {
  assert.deepEqual(
    ['v1alpha1', 'v1', 'v2beta1', 'foo', 'v2', 'v1beta2', 'v1beta1', 'v10'].sort(compareVersions),
    ['v10', 'v2', 'v1', 'v2beta1', 'v1beta2', 'v1beta1', 'v1alpha1', 'foo'],
  );
});

const crd = (
  plural: string,
  group: string,
  established: boolean,
  versions = [{ name: 'v1', served: true }],
) => ({
  metadata: { name: `${plural}.${group}` },
  spec: { group, scope: 'Namespaced', names: { plural, kind: 'Thing' }, versions },
  status: { conditions: [{ type: 'Established', status: established ? 'True' : 'False' }] },
});

test('CRDs: only established ones, at their highest-priority served version', () => {
  const r = crdResources([
    crd('things', 'a.example.com', true, [
      { name: 'v1beta1', served: true },
      { name: 'v2', served: false },
      { name: 'v1', served: true },
    ]),
    crd('pending', 'a.example.com', false),
  ]);
  assert.deepEqual(r, [
    { group: 'a.example.com', version: 'v1', resource: 'things', kind: 'Thing', namespaced: true },
  ]);
});

test('merge: a CRD deleted since discovery was read is gone, a new one is there, aggregated APIs stay', () => {
  const d = [
    { group: 'old.example.com', version: 'v1', resource: 'olds', kind: 'Old', namespaced: true },
    { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods', kind: 'PodMetrics', namespaced: true },
  ];
  const fresh = { group: 'new.example.com', version: 'v1', resource: 'news', kind: 'New', namespaced: false };
  const merged = mergeResources(d, new Set(['olds.old.example.com']), [fresh]);
  assert.deepEqual(merged.map(slugOf), ['pods.metrics.k8s.io', 'news.new.example.com']);
  // Without the CRDs (not allowed to list them), discovery decides alone.
  assert.deepEqual(mergeResources(d, new Set(['olds.old.example.com']), undefined).map(slugOf), [
    'olds.old.example.com',
    'pods.metrics.k8s.io',
  ]);
});

test('navigation: Wheelhouse-own kinds left out, grouped by API group (core first), cluster scope kept', () => {
  const nav = navOf([
    { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true },
    {
      group: 'apps',
      version: 'v1',
      resource: 'controllerrevisions',
      kind: 'ControllerRevision',
      namespaced: true,
    },
    { group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
    {
      group: 'rbac.authorization.k8s.io',
      version: 'v1',
      resource: 'clusterroles',
      kind: 'ClusterRole',
      namespaced: false,
    },
  ]);
  assert.deepEqual(nav, {
    groups: [
      { group: '', kinds: [{ slug: 'serviceaccounts', label: 'ServiceAccounts', namespaced: true }] },
      {
        group: 'apps',
        kinds: [{ slug: 'controllerrevisions.apps', label: 'ControllerRevisions', namespaced: true }],
      },
      {
        group: 'rbac.authorization.k8s.io',
        kinds: [{ slug: 'clusterroles.rbac.authorization.k8s.io', label: 'ClusterRoles', namespaced: false }],
      },
    ],
  });
});

test('slugs, labels and the kind definition of a discovered kind', () => {
  assert.equal(pageSlug({ group: 'apps', resource: 'deployments' }), 'deployments');
  assert.equal(
    pageSlug({ group: 'cert-manager.io', resource: 'certificates' }),
    'certificates.cert-manager.io',
  );
  assert.equal(pluralLabel('NetworkPolicy'), 'NetworkPolicies');
  assert.equal(pluralLabel('Ingress'), 'Ingresses');
  assert.equal(pluralLabel('Gateway'), 'Gateways');
  const k = kindDefOf({
    group: 'cert-manager.io',
    version: 'v1',
    resource: 'certificates',
    kind: 'Certificate',
    namespaced: true,
  });
  assert.equal(k.slug, 'certificates.cert-manager.io');
  assert.equal(k.resource, 'certificates');
  assert.equal(k.table, true);
});
