import type { V1CronJob, V1Job } from '@kubernetes/client-node';

/**
 * `kubectl create job NAME --from=cronjob/X` (kubectl's create_job.go, createJobFromCronJob): the
 * CronJob's jobTemplate, annotated as a manual run, owned by the CronJob as its controller, without
 * blockOwnerDeletion (which would need the cronjobs/finalizers permission). The name is the one the
 * Kubernetes Dashboard picks, `<cronjob>-manual-<random>`, short enough for the job-name label.
 */
export const MANUAL_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

/** Job names end up in a label value (batch.kubernetes.io/job-name): at most 63 characters. */
const JOB_NAME_MAX = 63;

export function manualJobName(cronJob: string, suffix: string): string {
  const tail = `-manual-${suffix}`;
  return `${cronJob.slice(0, JOB_NAME_MAX - tail.length).replace(/[-.]+$/, '')}${tail}`;
}

export function jobFromCronJob(cj: V1CronJob, name: string): V1Job {
  const tpl = cj.spec?.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata?.namespace,
      annotations: { [MANUAL_ANNOTATION]: 'manual', ...tpl?.metadata?.annotations },
      ...(tpl?.metadata?.labels ? { labels: tpl.metadata.labels } : {}),
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cj.metadata?.name ?? '',
          uid: cj.metadata?.uid ?? '',
          controller: true,
        },
      ],
    },
    spec: tpl?.spec,
  };
}
