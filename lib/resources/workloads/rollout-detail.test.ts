import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Deployment, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import type { Revision } from './rollback-plan';
import { hpaFor, lastHealthyRevision, toWorkloadDetail } from './rollout-detail';

const rev = (
  revision: number,
  current: boolean,
  replicas: number | null,
  image = `app:${revision}`,
): Revision => ({
  revision,
  source: `web-${revision}`,
  template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image }] } },
  annotations: {},
  changeCause: null,
  createdAt: null,
  replicas,
  images: [image],
  current,
});

const healthyCases: { name: string; revisions: Revision[]; want: number | null }[] = [
  {
    name: 'the earlier revision still serving',
    revisions: [rev(4, true, 1), rev(3, false, 0), rev(2, false, 3)],
    want: 2,
  },
  {
    name: 'else the newest earlier one',
    revisions: [rev(4, true, 1), rev(3, false, 0), rev(2, false, 0)],
    want: 3,
  },
  { name: 'none when there is no earlier revision', revisions: [rev(1, true, 1)], want: null },
  {
    name: 'ControllerRevisions (no pod counts)',
    revisions: [rev(5, true, null), rev(4, false, null)],
    want: 4,
  },
];

for (const c of healthyCases) {
  test(`lastHealthyRevision: ${c.name}`, () => {
    assert.equal(lastHealthyRevision(c.revisions), c.want);
  });
}

test('hpaFor finds the autoscaler targeting this kind and name only', () => {
  const hpa = (kind: string, name: string): V2HorizontalPodAutoscaler => ({
    metadata: { name: `${name}-hpa` },
    spec: { scaleTargetRef: { kind, name, apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 8 },
    status: { currentReplicas: 3, desiredReplicas: 4 },
  });
  assert.deepEqual(hpaFor('deployments', 'web', [hpa('StatefulSet', 'web'), hpa('Deployment', 'web')]), {
    name: 'web-hpa',
    minReplicas: 2,
    maxReplicas: 8,
    currentReplicas: 3,
    desiredReplicas: 4,
  });
  assert.equal(hpaFor('deployments', 'api', [hpa('Deployment', 'web')]), null);
});

test('toWorkloadDetail: a stuck Deployment offers its last healthy revision, diffs per revision', () => {
  const d: V1Deployment = {
    metadata: { name: 'web', namespace: 'shop', uid: 'u', resourceVersion: '9', generation: 4 },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 10,
      selector: {},
      strategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'main', image: 'app:4' }] },
      },
    },
    status: {
      observedGeneration: 4,
      replicas: 3,
      updatedReplicas: 1,
      availableReplicas: 2,
      conditions: [
        { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'timed out' },
      ],
    },
  };
  const detail = toWorkloadDetail({
    kind: 'deployments',
    obj: d,
    revisions: [rev(4, true, 1), rev(3, false, 2)],
    problems: [],
    hpa: null,
    canPatch: { allowed: true },
  });
  assert.equal(detail.status.state, 'stuck');
  assert.equal(detail.lastHealthyRevision, 3);
  assert.equal(detail.currentRevision, 4);
  assert.equal(detail.replicas, 2);
  assert.equal(detail.strategy, 'RollingUpdate');
  assert.deepEqual(detail.rollback, { possible: true });
  assert.equal(detail.revisions[0]?.diff.equal, true);
  assert.deepEqual(detail.revisions[1]?.diff.sections[0]?.changes, [
    { field: 'image', kind: 'changed', before: 'app:4', after: 'app:3' },
  ]);
});
