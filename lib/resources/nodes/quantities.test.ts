import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { formatBytes, formatCpu, parseQuantity, podRequests } from './quantities';

test('parseQuantity reads Kubernetes quantities', () => {
  assert.equal(parseQuantity('250m'), 0.25);
  assert.equal(parseQuantity('2'), 2);
  assert.equal(parseQuantity('1Gi'), 2 ** 30);
  assert.equal(parseQuantity('128M'), 128e6);
  assert.equal(parseQuantity('1e3'), 1000);
  assert.ok(Math.abs(parseQuantity('100n') - 100e-9) < 1e-15);
  assert.ok(Number.isNaN(parseQuantity('lots')));
});

test('podRequests: containers and sidecars add up, an init container counts only if larger', () => {
  const pod: V1Pod = {
    spec: {
      initContainers: [
        { name: 'migrate', resources: { requests: { cpu: '2', memory: '64Mi' } } },
        { name: 'proxy', restartPolicy: 'Always', resources: { requests: { cpu: '100m', memory: '32Mi' } } },
      ],
      containers: [
        { name: 'app', resources: { requests: { cpu: '250m', memory: '256Mi' } } },
        { name: 'worker', resources: { requests: { cpu: '250m' } } },
      ],
      overhead: { cpu: '10m' },
    },
  };
  const r = podRequests(pod);
  assert.equal(r.cpu, 2.11); // init 2 + sidecar 0.1 beats 0.6 running; + overhead
  assert.equal(r.memory, 288 * 2 ** 20); // running 256Mi + 32Mi beats init 64Mi + 32Mi
});

test('formatCpu and formatBytes read like kubectl', () => {
  assert.equal(formatCpu(0.25), '250m');
  assert.equal(formatCpu(3.5), '3.5');
  assert.equal(formatBytes(288 * 2 ** 20), '288 MiB');
  assert.equal(formatBytes(1.5 * 2 ** 30), '1.5 GiB');
});
