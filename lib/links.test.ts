import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podApiPath, podPath, workloadApiPath, workloadKindOf, workloadPath } from './links';

test('every workload kind links to its one page by plural; its logs live under workloads/', () => {
  assert.equal(workloadPath('admin', 'shop', 'Deployment', 'checkout'), '/c/admin/shop/deployments/checkout');
  assert.equal(workloadPath('admin', 'data', 'StatefulSet', 'pg'), '/c/admin/data/statefulsets/pg');
  assert.equal(workloadPath('admin', 'demo', 'DaemonSet', 'agent'), '/c/admin/demo/daemonsets/agent');
  assert.equal(
    workloadPath('admin', 'shop', 'Deployment', 'checkout', 'logs'),
    '/c/admin/shop/workloads/deployments/checkout/logs',
  );
  assert.equal(workloadPath('admin', 'shop', 'Job', 'migrate'), '/c/admin/shop/jobs/migrate');
  assert.equal(
    workloadPath('admin', 'shop', 'ReplicaSet', 'web-1', 'logs'),
    '/c/admin/shop/workloads/replicasets/web-1/logs',
  );
  assert.equal(workloadPath('admin', 'shop', 'ReplicaSet', 'web-1'), '/c/admin/shop/replicasets/web-1');
  assert.equal(workloadPath('admin', 'shop', 'CronJob', 'nightly'), null);
});

test('a workload kind is known by its Kind, its plural and the singular of the old URLs', () => {
  for (const k of ['Job', 'jobs', 'job']) assert.equal(workloadKindOf(k), 'jobs');
  assert.equal(workloadKindOf('deployment'), 'deployments');
  assert.equal(workloadKindOf('cronjob'), undefined);
  assert.equal(workloadKindOf('pods'), undefined);
});

test('every segment is encoded, in page and API addresses', () => {
  assert.equal(podPath('user@prod:1', 'ns', 'p'), '/c/user%40prod%3A1/ns/pods/p');
  assert.equal(podApiPath('a/b', 'ns', 'p?x', 'log'), '/api/c/a%2Fb/ns/pods/p%3Fx/log');
  assert.equal(
    workloadApiPath('ctx', 'n s', 'deployments', 'web#1', 'history'),
    '/api/c/ctx/n%20s/workloads/deployments/web%231/history',
  );
});
