import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1CronJob } from '@kubernetes/client-node';
import { completionsText, jobOutcome, jobSummary } from '../jobs/job-summary';
import { jobFromCronJob, MANUAL_ANNOTATION, manualJobName } from './job-from-cronjob';

const cj: V1CronJob = {
  metadata: { name: 'report', namespace: 'ns', uid: 'u-1' },
  spec: {
    schedule: '*/5 * * * *',
    jobTemplate: {
      metadata: { labels: { team: 'a' }, annotations: { note: 'x' } },
      spec: {
        backoffLimit: 2,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } },
      },
    },
  },
};

test('a manual Job is kubectl create job --from=cronjob: template, annotation, controller owner without blockOwnerDeletion', () => {
  const j = jobFromCronJob(cj, 'report-manual-abcde');
  assert.equal(j.metadata?.name, 'report-manual-abcde');
  assert.deepEqual(j.metadata?.annotations, { [MANUAL_ANNOTATION]: 'manual', note: 'x' });
  assert.deepEqual(j.metadata?.labels, { team: 'a' });
  assert.deepEqual(j.metadata?.ownerReferences, [
    { apiVersion: 'batch/v1', kind: 'CronJob', name: 'report', uid: 'u-1', controller: true },
  ]);
  assert.equal(j.spec, cj.spec?.jobTemplate.spec);
});

test('manual names fit the 63-character job-name label and never end the prefix on a dash', () => {
  const n = manualJobName(`${'a'.repeat(50)}-b`, 'xyz12');
  assert.ok(n.length <= 63, n);
  assert.match(n, /^a+-manual-xyz12$/);
  assert.equal(manualJobName('report', 'xyz12'), 'report-manual-xyz12');
});

test("a Job's outcome and counts, as kubectl get job prints them", () => {
  assert.equal(jobOutcome({ status: { conditions: [{ type: 'Complete', status: 'True' }] } }), 'Complete');
  assert.equal(jobOutcome({ status: { conditions: [{ type: 'Failed', status: 'True' }] } }), 'Failed');
  assert.equal(jobOutcome({ spec: { suspend: true, template: {} } }), 'Suspended');
  assert.equal(jobOutcome({}), 'Running');
  assert.equal(completionsText({ spec: { completions: 3, template: {} }, status: { succeeded: 1 } }), '1/3');
  assert.equal(completionsText({ spec: { parallelism: 2, template: {} } }), '0/1 of 2');
  assert.equal(completionsText({ spec: { template: {} } }), '0/1');
  const s = jobSummary({
    spec: { backoffLimit: 2, template: {} },
    status: {
      failed: 2,
      conditions: [
        {
          type: 'Failed',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
        },
      ],
    },
  });
  assert.deepEqual(
    [s.outcome, s.retries, s.backoffLimit, s.message],
    ['Failed', 2, 2, 'Job has reached the specified backoff limit'],
  );
  assert.equal(jobSummary({}).backoffLimit, 6, "the API's default backoffLimit");
});
