import type { V1ContainerStatus, V1Pod, V1PodCondition } from '@kubernetes/client-node';

/** Realistic pod status shapes for the health tests (not a test file itself). */
// Status shapes below follow what the kubelet and scheduler write (kubectl get pod -o yaml), trimmed.
export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const ago = (s: number) => new Date(NOW - s * 1000);

export function cond(type: string, status: string, extra: Partial<V1PodCondition> = {}): V1PodCondition {
  return { type, status, lastTransitionTime: ago(600), ...extra };
}
export const readyConds = [
  'PodReadyToStartContainers',
  'Initialized',
  'ContainersReady',
  'Ready',
  'PodScheduled',
].map((t) => cond(t, 'True'));
export const notReadyConds = [
  cond('PodReadyToStartContainers', 'True'),
  cond('Initialized', 'True'),
  cond('Ready', 'False', { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }),
  cond('ContainersReady', 'False', { reason: 'ContainersNotReady' }),
  cond('PodScheduled', 'True'),
];

export function cs(over: Partial<V1ContainerStatus> = {}): V1ContainerStatus {
  return {
    name: 'app',
    image: 'registry.example/shop/web:1.4.2',
    imageID: 'registry.example/shop/web@sha256:4f1c',
    ready: true,
    started: true,
    restartCount: 0,
    containerID: 'containerd://9a8b',
    state: { running: { startedAt: ago(3600) } },
    ...over,
  };
}

export function pod(
  over: { status?: V1Pod['status']; spec?: Partial<V1Pod['spec']>; metadata?: V1Pod['metadata'] } = {},
): V1Pod {
  return {
    metadata: {
      name: 'web-7d4b9c6f5-x2x9z',
      namespace: 'shop',
      uid: 'b3c1',
      creationTimestamp: ago(3700),
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c6f5', uid: 'rs1', controller: true },
      ],
      ...over.metadata,
    },
    spec: {
      nodeName: 'kwok-node-0',
      restartPolicy: 'Always',
      containers: [
        {
          name: 'app',
          image: 'registry.example/shop/web:1.4.2',
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
        },
      ],
      ...over.spec,
    },
    status: {
      phase: 'Running',
      hostIP: '10.0.0.5',
      podIP: '10.244.1.17',
      startTime: ago(3700),
      qosClass: 'Burstable',
      conditions: readyConds,
      containerStatuses: [cs()],
      ...over.status,
    },
  };
}

export const crashLoop = (reason: string, exitCode: number) =>
  pod({
    status: {
      phase: 'Running',
      conditions: notReadyConds,
      containerStatuses: [
        cs({
          ready: false,
          started: false,
          restartCount: 7,
          state: {
            waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app' },
          },
          lastState: { terminated: { reason, exitCode, startedAt: ago(320), finishedAt: ago(300) } },
        }),
      ],
    },
  });

export const pendingWith = (waiting: { reason: string; message?: string }, since = 20) =>
  pod({
    status: {
      phase: 'Pending',
      startTime: ago(since),
      conditions: [
        cond('PodScheduled', 'True', { lastTransitionTime: ago(since) }),
        cond('Ready', 'False', { reason: 'ContainersNotReady' }),
      ],
      containerStatuses: [cs({ ready: false, started: false, state: { waiting } })],
    },
  });

export const imagePull = (reason: string, message: string) => pendingWith({ reason, message });
