import assert from 'node:assert/strict';
import { test } from 'node:test';
import { legacyWorkloadKind, legacyWorkloadRedirect, parseWorkloadScope } from './named-scope';

test('workload addresses use the plural; the singular of old links maps to it', () => {
  assert.equal(
    parseWorkloadScope({ context: 'admin', namespace: 'shop', kind: 'jobs', name: 'm' }).kind,
    'jobs',
  );
  assert.throws(() => parseWorkloadScope({ context: 'admin', namespace: 'shop', kind: 'job', name: 'm' }));
  assert.equal(legacyWorkloadKind('job'), 'jobs');
  assert.equal(legacyWorkloadKind('deployment'), 'deployments');
  assert.equal(legacyWorkloadKind('jobs'), undefined);
  assert.equal(legacyWorkloadKind('cronjob'), undefined);
});

test('an old address redirects to the page the one URL builder gives', () => {
  const raw = { context: 'admin', namespace: 'shop', name: 'checkout' };
  assert.equal(legacyWorkloadRedirect(raw, 'deployments'), '/c/admin/shop/deployments/checkout');
  assert.equal(
    legacyWorkloadRedirect(raw, 'deployments', 'logs'),
    '/c/admin/shop/workloads/deployments/checkout/logs',
  );
  assert.equal(
    legacyWorkloadRedirect({ ...raw, name: 'web-1' }, 'replicasets'),
    '/c/admin/shop/replicasets/web-1',
  );
  assert.equal(legacyWorkloadRedirect({ ...raw, namespace: '_all' }, 'jobs'), undefined);
});
