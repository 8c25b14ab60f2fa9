import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffObjects, diffText, flatten } from './diff';

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    resourceVersion: '10',
    generation: 2,
    managedFields: [{ manager: 'x' }],
    labels: { app: 'web' },
  },
  spec: {
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1', imagePullPolicy: 'IfNotPresent' },
          { name: 'side', image: 'busybox' },
        ],
      },
    },
  },
};

test('paths name list items by their name and quote keys with dots or slashes', () => {
  const f = flatten({
    metadata: { annotations: { 'kubernetes.io/change-cause': 'x' } },
    spec: { c: [{ name: 'a', v: 1 }, 'b'] },
  });
  assert.deepEqual(
    [...f.keys()],
    [
      'metadata.annotations["kubernetes.io/change-cause"]',
      'spec.c[name=a].name',
      'spec.c[name=a].v',
      'spec.c[1]',
    ],
  );
});

test('an edit: changed, added and removed fields; resourceVersion, generation and managedFields are noise', () => {
  const after = structuredClone(live);
  after.metadata.resourceVersion = '11';
  after.metadata.generation = 3;
  after.spec.template.spec.containers[0] = {
    name: 'web',
    image: 'nginx:2',
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: 80, protocol: 'TCP' }],
  } as never;
  after.spec.template.spec.containers.pop();
  const submitted = structuredClone(after) as typeof after;
  // The user wrote the port without a protocol: the API server defaulted it.
  delete (submitted.spec.template.spec.containers[0] as unknown as { ports: { protocol?: string }[] })
    .ports[0]!.protocol;
  const changes = diffObjects(live, after, submitted);
  assert.deepEqual(changes, [
    {
      path: 'spec.template.spec.containers[name=web].image',
      op: 'changed',
      before: 'nginx:1',
      after: 'nginx:2',
    },
    { path: 'spec.template.spec.containers[name=web].ports[0].containerPort', op: 'added', after: '80' },
    {
      path: 'spec.template.spec.containers[name=web].ports[0].protocol',
      op: 'added',
      after: 'TCP',
      byServer: true,
    },
    { path: 'spec.template.spec.containers[name=side].name', op: 'removed', before: 'side' },
    { path: 'spec.template.spec.containers[name=side].image', op: 'removed', before: 'busybox' },
  ]);
});

test('a create lists every field as added, without uid, creationTimestamp or status', () => {
  const stored = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', uid: 'u', creationTimestamp: 't' },
    data: { a: '1' },
    status: {},
  };
  assert.deepEqual(
    diffObjects(undefined, stored).map((c) => c.path),
    ['apiVersion', 'kind', 'metadata.name', 'data.a'],
  );
});

test('Secret values never appear: only sizes, and whether a value changed', () => {
  const before = {
    kind: 'Secret',
    metadata: {
      name: 's',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"a":"c2VjcmV0"}}' },
    },
    data: { a: 'c2VjcmV0', b: 'eA==' },
  };
  const after = {
    kind: 'Secret',
    metadata: {
      name: 's',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"a":"bmV3"}}' },
    },
    data: { a: 'bmV3dmFs', c: 'eQ==' },
  };
  const changes = diffObjects(before, after);
  const text = JSON.stringify(changes);
  assert.doesNotMatch(text, /c2VjcmV0|bmV3|eA==|eQ==|secret/);
  assert.deepEqual(
    changes.map((c) => [c.path, c.op, c.after ?? c.before]),
    [
      [
        'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
        'changed',
        '‹hidden: repeats the values, changed›',
      ],
      ['data.a', 'changed', '‹hidden, 6 bytes, new value›'],
      ['data.c', 'added', '‹hidden, 1 bytes›'],
      ['data.b', 'removed', '‹hidden, 1 bytes›'],
    ],
  );
});

test('the audit text is capped and says how many changes were left out', () => {
  const after = {
    kind: 'ConfigMap',
    metadata: { name: 'c' },
    data: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'v'.repeat(50)])),
  };
  const text = diffText(diffObjects(undefined, after), 1000);
  assert.ok(text.length < 1100);
  assert.match(text, /… and \d+ more changes$/);
});
