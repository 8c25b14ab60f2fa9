import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { assertLogsAvailable, DEFAULT_TAIL, parseLogQuery, resolveContainer } from './logs';

const pod: V1Pod = {
  metadata: { name: 'web-1' },
  spec: {
    initContainers: [{ name: 'migrate' }],
    containers: [{ name: 'app' }, { name: 'proxy' }],
  },
  status: {
    initContainerStatuses: [
      {
        name: 'migrate',
        image: '',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0 } },
      },
    ],
    containerStatuses: [
      {
        name: 'app',
        image: '',
        imageID: '',
        ready: true,
        restartCount: 2,
        state: { running: {} },
        lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
      },
      {
        name: 'proxy',
        image: '',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: { waiting: { reason: 'ContainerCreating' } },
      },
    ],
  },
};

const q = (s: string) => parseLogQuery(new URLSearchParams(s));

test('parseLogQuery: defaults, flags, and previous never follows', () => {
  assert.deepEqual(q(''), {
    container: undefined,
    follow: true,
    previous: false,
    timestamps: false,
    tailLines: DEFAULT_TAIL,
  });
  assert.deepEqual(q('container=app&follow=false&timestamps=1&tailLines=20'), {
    container: 'app',
    follow: false,
    previous: false,
    timestamps: true,
    tailLines: 20,
  });
  assert.equal(q('previous=true&follow=true').follow, false);
});

test('parseLogQuery refuses bad input with the reason', () => {
  assert.throws(() => q('tailLines=lots'), { status: 400, message: /Invalid log options/ });
  assert.throws(() => q('tailLines=99999999'), { status: 400 });
  assert.throws(() => q('follow=maybe'), { status: 400 });
  assert.throws(() => q('container=Not_A_Name'), { status: 400, message: /DNS-1123 label/ });
});

test('resolveContainer: the first container by default, the annotation when set, 404 listing them otherwise', () => {
  assert.equal(resolveContainer(pod, undefined), 'app');
  const annotated = {
    ...pod,
    metadata: { name: 'web-1', annotations: { 'kubectl.kubernetes.io/default-container': 'proxy' } },
  };
  assert.equal(resolveContainer(annotated, undefined), 'proxy');
  assert.equal(resolveContainer(pod, 'migrate'), 'migrate');
  assert.throws(() => resolveContainer(pod, 'nope'), {
    status: 404,
    message: 'Pod "web-1" has no container "nope". Its containers: app, proxy, migrate.',
  });
});

test('assertLogsAvailable: previous needs a previous run; a container not started has no logs yet', () => {
  assert.doesNotThrow(() => assertLogsAvailable(pod, 'app', true));
  assert.doesNotThrow(() => assertLogsAvailable(pod, 'app', false));
  assert.doesNotThrow(() => assertLogsAvailable(pod, 'migrate', false));
  assert.throws(() => assertLogsAvailable(pod, 'migrate', true), {
    status: 404,
    message: /^Container "migrate" has no previous run \(0 restarts\), so there are no previous logs\./,
  });
  assert.throws(() => assertLogsAvailable(pod, 'proxy', false), {
    status: 409,
    message: 'Container "proxy" has not started yet (ContainerCreating), so it has no logs.',
  });
});
