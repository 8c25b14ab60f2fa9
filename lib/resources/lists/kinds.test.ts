import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectionPath, KINDS, type KubeObject, kindBySlug, sanitize } from './kinds';

function k(slug: string) {
  const d = kindBySlug(slug);
  assert.ok(d, `kind ${slug} is registered`);
  return d;
}

const meta = (name: string, namespace = 'shop') => ({
  name,
  namespace,
  uid: `uid-${name}`,
  resourceVersion: '7',
  creationTimestamp: '2026-01-01T00:00:00Z',
  labels: { app: name },
});

test('the registry has every kind of the issue, once, with a row for an empty object', () => {
  const want = [
    'deployments',
    'statefulsets',
    'daemonsets',
    'replicasets',
    'pods',
    'jobs',
    'cronjobs',
    'services',
    'endpointslices',
    'ingresses',
    'configmaps',
    'secrets',
    'persistentvolumeclaims',
    'persistentvolumes',
    'storageclasses',
    'horizontalpodautoscalers',
    'events',
    'nodes',
    'namespaces',
  ];
  assert.deepEqual(KINDS.map((d) => d.slug).sort(), [...want].sort());
  for (const d of KINDS) {
    const row = d.toRow({ metadata: { name: 'x' } });
    assert.equal(row.name, 'x');
    for (const c of d.columns) assert.ok(c.key in row.cells, `${d.slug} fills column ${c.key}`);
  }
  assert.equal(kindBySlug('widgets'), undefined);
});

test('collection paths follow the API group, version and scope', () => {
  assert.equal(collectionPath(k('pods'), 'shop'), '/api/v1/namespaces/shop/pods');
  assert.equal(collectionPath(k('pods'), undefined), '/api/v1/pods');
  assert.equal(collectionPath(k('deployments'), 'a'), '/apis/apps/v1/namespaces/a/deployments');
  assert.equal(
    collectionPath(k('horizontalpodautoscalers'), 'a'),
    '/apis/autoscaling/v2/namespaces/a/horizontalpodautoscalers',
  );
  assert.equal(collectionPath(k('nodes'), 'shop'), '/api/v1/nodes');
  assert.equal(collectionPath(k('storageclasses'), undefined), '/apis/storage.k8s.io/v1/storageclasses');
});

test('a crash-looping pod that was OOM-killed shows ready, reason, diagnosis, restarts, last state, node and IP', () => {
  const row = k('pods').toRow({
    metadata: meta('api-1'),
    spec: { nodeName: 'kwok-node-3', containers: [{ name: 'a' }, { name: 'b' }] },
    status: {
      phase: 'Running',
      podIP: '10.0.0.9',
      containerStatuses: [
        { name: 'a', ready: true, restartCount: 0, image: 'x', imageID: '', state: { running: {} } },
        {
          name: 'b',
          ready: false,
          restartCount: 4,
          image: 'x',
          imageID: '',
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: {
            terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: '2026-01-01T00:05:00Z' },
          },
        },
      ],
    },
  } as KubeObject);
  assert.equal(row.key, 'shop/api-1');
  assert.equal(row.tone, 'bad');
  assert.deepEqual(row.cells, {
    ready: '1/2',
    status: 'CrashLoopBackOff',
    diagnosis:
      'Container b is crash-looping (4 restarts): last killed for running out of memory (OOMKilled, exit code 137).',
    // RESTARTS renders "4 (… ago)" from this against the browser's clock, as kubectl does.
    restarts: 4,
    lastRestartAt: '2026-01-01T00:05:00.000Z',
    node: 'kwok-node-3',
    ip: '10.0.0.9',
    age: '2026-01-01T00:00:00.000Z',
  });
});

test('pod status follows kubectl: pending, init, terminating, running-but-unready', () => {
  const pods = k('pods');
  const pending = pods.toRow({ metadata: meta('p'), status: { phase: 'Pending' } } as KubeObject);
  assert.equal(pending.cells.status, 'Pending');
  // The colour is the diagnosis's severity: waiting to be scheduled is no alarm yet.
  assert.equal(pending.tone, 'neutral');
  const init = pods.toRow({
    metadata: meta('p'),
    spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] },
    status: {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'i', ready: false, restartCount: 0, image: '', imageID: '', state: { running: {} } },
      ],
    },
  } as KubeObject);
  assert.equal(init.cells.status, 'Init:0/1');
  const gone = pods.toRow({
    metadata: { ...meta('p'), deletionTimestamp: '2026-01-01T00:00:00Z' },
    status: { phase: 'Running' },
  } as KubeObject);
  assert.equal(gone.cells.status, 'Terminating');
  const unready = pods.toRow({
    metadata: meta('p'),
    spec: { containers: [{ name: 'a' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: 'a', ready: false, restartCount: 0, image: '', imageID: '', state: { running: {} } },
      ],
    },
  } as KubeObject);
  // Running, 0/1 ready, just started: the diagnosis says starting, no warning before the grace.
  assert.deepEqual(
    [unready.cells.status, unready.cells.ready, unready.tone, unready.cells.diagnosis],
    ['Running', '0/1', 'neutral', 'Started; waiting for container a to become ready.'],
  );
});

test('a Deployment row keeps the original columns', () => {
  const row = k('deployments').toRow({
    metadata: meta('web'),
    spec: {
      replicas: 3,
      selector: {},
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'nginx:1' },
            { name: 'b', image: 'envoy:2' },
          ],
        },
      },
    },
    status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  } as KubeObject);
  assert.deepEqual(
    k('deployments').columns.map((c) => c.label),
    ['Ready', 'Up-to-date', 'Available', 'Age', 'Images', 'Rollout'],
  );
  assert.deepEqual(row.cells, {
    ready: '2/3',
    upToDate: 3,
    available: 2,
    age: '2026-01-01T00:00:00.000Z',
    images: ['nginx:1', 'envoy:2'],
    rollout: 'Progressing: 3 of 3 updated',
  });
  assert.equal(row.tone, 'warn');
  assert.deepEqual(row.labels, { app: 'web' });
});

test('workload rows show the rollout: stuck past its deadline is red even when all replicas are ready', () => {
  const dep = (spec: Record<string, unknown>, status: Record<string, unknown>) =>
    k('deployments').toRow({
      metadata: { ...meta('checkout'), generation: 2 },
      spec: { replicas: 2, selector: {}, template: {}, ...spec },
      status: { observedGeneration: 2, replicas: 3, readyReplicas: 2, availableReplicas: 2, ...status },
    } as KubeObject);
  const stuck = dep(
    { progressDeadlineSeconds: 30 },
    {
      updatedReplicas: 1,
      conditions: [
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: 'ReplicaSet "checkout-2" has timed out progressing.',
        },
      ],
    },
  );
  assert.equal(stuck.cells.ready, '2/2');
  assert.equal(stuck.tone, 'bad');
  assert.match(String(stuck.cells.rollout), /^Stuck: Exceeded its progress deadline \(30s\): ReplicaSet/);
  const paused = dep({ paused: true }, { updatedReplicas: 1 });
  assert.deepEqual([paused.cells.rollout, paused.tone], ['Paused', 'warn']);
  const done = dep({}, { replicas: 2, updatedReplicas: 2 });
  assert.deepEqual([done.cells.rollout, done.tone], ['Complete', 'good']);
  const sts = k('statefulsets').toRow({
    metadata: { ...meta('db'), generation: 1 },
    spec: { replicas: 3, selector: {}, template: {} },
    status: {
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 1,
      currentRevision: 'a',
      updateRevision: 'b',
    },
  } as KubeObject);
  assert.deepEqual([sts.cells.rollout, sts.tone], ['Progressing: 1 of 3 updated', 'warn']);
});

test('a Service row has type, cluster IP, ports and selector', () => {
  const row = k('services').toRow({
    metadata: meta('web'),
    spec: {
      type: 'NodePort',
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'http', port: 80, nodePort: 30080, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
      ],
      selector: { app: 'web', tier: 'fe' },
    },
  } as KubeObject);
  assert.deepEqual(row.cells, {
    type: 'NodePort',
    clusterIP: '10.96.0.10',
    externalIP: [],
    ports: ['http:80:30080/TCP', '53/UDP'],
    selector: ['app=web', 'tier=fe'],
    age: '2026-01-01T00:00:00.000Z',
  });
  const lb = k('services').toRow({ metadata: meta('lb'), spec: { type: 'LoadBalancer' } } as KubeObject);
  assert.deepEqual(lb.cells.externalIP, ['<pending>']);
});

test('a Secret row has type, key names and sizes, and no value anywhere', () => {
  const value = 'hunter2-very-secret';
  const b64 = Buffer.from(value).toString('base64');
  const obj = {
    kind: 'Secret',
    metadata: {
      ...meta('db'),
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${b64}"}}` },
    },
    type: 'kubernetes.io/basic-auth',
    data: { password: b64, username: Buffer.from('admin').toString('base64') },
  } as KubeObject;
  const row = k('secrets').toRow(obj);
  assert.deepEqual(row.cells.keys, ['password (19 B)', 'username (5 B)']);
  assert.equal(row.cells.type, 'kubernetes.io/basic-auth');
  assert.equal(row.cells.count, 2);
  const wire = JSON.stringify(row);
  assert.ok(!wire.includes(b64) && !wire.includes(value) && !wire.includes('YWRtaW4='), wire);
  const clean = JSON.stringify(sanitize(obj));
  assert.ok(!clean.includes(b64) && !clean.includes('YWRtaW4='), clean);
});

test('sanitize drops managedFields and leaves the input alone', () => {
  const obj = { kind: 'ConfigMap', metadata: { name: 'c', managedFields: [{ manager: 'kubectl' }] } };
  const out = sanitize(obj as KubeObject);
  assert.equal(out.metadata?.managedFields, undefined);
  assert.equal(obj.metadata.managedFields.length, 1);
});

test('Nodes show status, roles, version and capacity; cluster-scoped keys are bare names', () => {
  const row = k('nodes').toRow({
    metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '' } },
    spec: { unschedulable: true },
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion: 'v1.36.0' },
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
    },
  } as KubeObject);
  assert.equal(row.key, 'n1');
  assert.equal(row.tone, 'warn');
  assert.equal(row.cells.status, 'Ready,SchedulingDisabled');
  assert.deepEqual(row.cells.roles, ['control-plane']);
  assert.deepEqual(
    [row.cells.version, row.cells.internalIP, row.cells.cpu, row.cells.memory],
    ['v1.36.0', '10.0.0.1', '4', '16Gi'],
  );
});

test('Events, HPAs, PVCs, Jobs and EndpointSlices summarise what an operator checks', () => {
  const ev = k('events').toRow({
    metadata: meta('e1'),
    type: 'Warning',
    reason: 'BackOff',
    involvedObject: { kind: 'Pod', name: 'api-1' },
    message: 'Back-off restarting failed container ',
    count: 7,
    lastTimestamp: '2026-01-02T00:00:00Z',
  } as KubeObject);
  assert.deepEqual(ev.cells, {
    lastSeen: '2026-01-02T00:00:00.000Z',
    type: 'Warning',
    reason: 'BackOff',
    object: 'Pod/api-1',
    message: 'Back-off restarting failed container',
    count: 7,
  });
  const hpa = k('horizontalpodautoscalers').toRow({
    metadata: meta('h'),
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ],
    },
    status: {
      currentReplicas: 3,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 41 } } }],
    },
  } as KubeObject);
  assert.deepEqual(hpa.cells.targets, ['cpu: 41%/80%']);
  assert.deepEqual(
    [hpa.cells.reference, hpa.cells.min, hpa.cells.max, hpa.cells.replicas],
    ['Deployment/web', 2, 10, 3],
  );
  const pvc = k('persistentvolumeclaims').toRow({
    metadata: meta('data'),
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'fast',
      volumeName: 'pv-1',
      resources: { requests: { storage: '5Gi' } },
    },
    status: { phase: 'Bound', capacity: { storage: '10Gi' } },
  } as KubeObject);
  assert.deepEqual(
    [pvc.cells.status, pvc.cells.capacity, pvc.cells.volume, pvc.tone],
    ['Bound', '10Gi', 'pv-1', 'good'],
  );
  const job = k('jobs').toRow({
    metadata: meta('j'),
    spec: { completions: 3, template: { spec: { containers: [] } } },
    status: {
      succeeded: 3,
      startTime: '2026-01-01T00:00:00Z',
      completionTime: '2026-01-01T00:01:30Z',
      conditions: [{ type: 'Complete', status: 'True' }],
    },
  } as KubeObject);
  assert.deepEqual([job.cells.status, job.cells.completions, job.cells.duration], ['Complete', '3/3', '90s']);
  const slice = k('endpointslices').toRow({
    metadata: { ...meta('web-abc'), labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2'], conditions: { ready: false } }],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  } as KubeObject);
  assert.deepEqual(
    [slice.cells.service, slice.cells.ready, slice.cells.ports],
    ['web', '1/2', ['http:8080/TCP']],
  );
});

test('events sort newest first by default; other kinds by name', () => {
  assert.deepEqual(k('events').defaultSort, { key: 'lastSeen', dir: 'desc' });
  assert.equal(k('pods').defaultSort, undefined);
  assert.equal(k('horizontalpodautoscalers').navLabel, 'Autoscalers (HPA)');
});
