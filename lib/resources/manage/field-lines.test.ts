import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldLine, parseFieldPath } from './field-lines';

const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 80
      - name: side
        image: busybox
`;

test('field paths split into keys and indexes', () => {
  assert.deepEqual(parseFieldPath('spec.containers[1].image'), [
    { key: 'spec' },
    { key: 'containers' },
    { index: 1 },
    { key: 'image' },
  ]);
  assert.deepEqual(parseFieldPath('metadata.labels[app.kubernetes.io/name]'), [
    { key: 'metadata' },
    { key: 'labels' },
    { key: 'app.kubernetes.io/name' },
  ]);
});

test('finds the line a 422 cause names, through lists', () => {
  assert.equal(fieldLine(yaml, 'spec.replicas'), 8);
  assert.equal(fieldLine(yaml, 'metadata.name'), 4);
  assert.equal(fieldLine(yaml, 'spec.template.spec.containers[0].image'), 13);
  assert.equal(fieldLine(yaml, 'spec.template.spec.containers[1].image'), 17);
  assert.equal(fieldLine(yaml, 'spec.template.spec.containers[0].ports[0].containerPort'), 15);
});

test('a field the YAML does not have points at the deepest line found, or nothing', () => {
  assert.equal(fieldLine(yaml, 'spec.template.spec.containers[0].resources.limits'), 12);
  assert.equal(fieldLine(yaml, 'status.x'), undefined);
});
