import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podPath, workloadPath } from './links';

test('workloads with rollouts link to their one page; logs and other kinds to the health pages', () => {
  assert.equal(workloadPath('admin', 'shop', 'Deployment', 'checkout'), '/c/admin/shop/deployments/checkout');
  assert.equal(workloadPath('admin', 'data', 'StatefulSet', 'pg'), '/c/admin/data/statefulsets/pg');
  assert.equal(workloadPath('admin', 'demo', 'DaemonSet', 'agent'), '/c/admin/demo/daemonsets/agent');
  assert.equal(
    workloadPath('admin', 'shop', 'Deployment', 'checkout', 'logs'),
    '/c/admin/shop/workloads/deployment/checkout/logs',
  );
  assert.equal(workloadPath('admin', 'shop', 'Job', 'migrate'), '/c/admin/shop/workloads/job/migrate');
  assert.equal(workloadPath('admin', 'shop', 'CronJob', 'nightly'), null);
});

test('names and contexts are encoded', () => {
  assert.equal(podPath('user@prod:1', 'ns', 'p'), '/c/user%40prod%3A1/ns/pods/p');
});
