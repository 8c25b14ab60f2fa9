import type {
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { type JobOutcome, jobOutcome } from '../../jobs/job-summary';
import { classifyPod, type PodHealth, type Severity } from '../../pods/health';
import { printPod } from '../../pods/status';
import { images, owner, ratio, toIso, toneOfRatio } from './common';
import { daemonSetRollout, deploymentRollout, rolloutCell, statefulSetRollout } from './rollout-cell';
import type { Column, RowSpec, Tone } from './types';

const age: Column = { key: 'age', label: 'Age', type: 'age' };
/** Last, so the columns before it stay those of `kubectl get`. */
const rollout: Column = { key: 'rollout', label: 'Rollout', type: 'status' };

// Column order for Deployments matches the original table (and its e2e test): Name, Ready, …, Images.
export const deployments: RowSpec<V1Deployment> = {
  columns: [
    { key: 'ready', label: 'Ready', type: 'ratio' },
    { key: 'upToDate', label: 'Up-to-date', type: 'number' },
    { key: 'available', label: 'Available', type: 'number' },
    age,
    { key: 'images', label: 'Images', type: 'list' },
    rollout,
  ],
  view: (d) => {
    const desired = d.spec?.replicas ?? 1;
    const ready = d.status?.readyReplicas ?? 0;
    const r = rolloutCell(deploymentRollout(d), d.spec?.paused === true, toneOfRatio(ready, desired));
    return {
      tone: r.tone,
      cells: {
        rollout: r.text,
        ready: ratio(ready, desired),
        upToDate: d.status?.updatedReplicas ?? 0,
        available: d.status?.availableReplicas ?? 0,
        age: toIso(d.metadata?.creationTimestamp),
        images: images(d.spec?.template?.spec?.containers),
      },
    };
  },
};

export const statefulsets: RowSpec<V1StatefulSet> = {
  columns: [
    { key: 'ready', label: 'Ready', type: 'ratio' },
    { key: 'upToDate', label: 'Up-to-date', type: 'number' },
    { key: 'service', label: 'Service', type: 'text' },
    age,
    { key: 'images', label: 'Images', type: 'list' },
    rollout,
  ],
  view: (s) => {
    const desired = s.spec?.replicas ?? 1;
    const ready = s.status?.readyReplicas ?? 0;
    const r = rolloutCell(statefulSetRollout(s), false, toneOfRatio(ready, desired));
    return {
      tone: r.tone,
      cells: {
        rollout: r.text,
        ready: ratio(ready, desired),
        upToDate: s.status?.updatedReplicas ?? 0,
        service: s.spec?.serviceName ?? null,
        age: toIso(s.metadata?.creationTimestamp),
        images: images(s.spec?.template?.spec?.containers),
      },
    };
  },
};

export const daemonsets: RowSpec<V1DaemonSet> = {
  columns: [
    { key: 'desired', label: 'Desired', type: 'number' },
    { key: 'current', label: 'Current', type: 'number' },
    { key: 'ready', label: 'Ready', type: 'number' },
    { key: 'upToDate', label: 'Up-to-date', type: 'number' },
    { key: 'available', label: 'Available', type: 'number' },
    { key: 'nodeSelector', label: 'Node selector', type: 'list' },
    age,
    { key: 'images', label: 'Images', type: 'list' },
    rollout,
  ],
  view: (d) => {
    const desired = d.status?.desiredNumberScheduled ?? 0;
    const ready = d.status?.numberReady ?? 0;
    const r = rolloutCell(daemonSetRollout(d), false, toneOfRatio(ready, desired));
    return {
      tone: r.tone,
      cells: {
        rollout: r.text,
        desired,
        current: d.status?.currentNumberScheduled ?? 0,
        ready,
        upToDate: d.status?.updatedNumberScheduled ?? 0,
        available: d.status?.numberAvailable ?? 0,
        nodeSelector: Object.entries(d.spec?.template?.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`),
        age: toIso(d.metadata?.creationTimestamp),
        images: images(d.spec?.template?.spec?.containers),
      },
    };
  },
};

export const replicasets: RowSpec<V1ReplicaSet> = {
  columns: [
    { key: 'desired', label: 'Desired', type: 'number' },
    { key: 'current', label: 'Current', type: 'number' },
    { key: 'ready', label: 'Ready', type: 'number' },
    { key: 'owner', label: 'Owner', type: 'text' },
    { key: 'revision', label: 'Revision', type: 'number' },
    age,
    { key: 'images', label: 'Images', type: 'list' },
  ],
  view: (r) => {
    const desired = r.spec?.replicas ?? 1;
    const ready = r.status?.readyReplicas ?? 0;
    const rev = Number(r.metadata?.annotations?.['deployment.kubernetes.io/revision']);
    return {
      tone: toneOfRatio(ready, desired),
      cells: {
        desired,
        current: r.status?.replicas ?? 0,
        ready,
        owner: owner(r.metadata?.ownerReferences),
        revision: Number.isFinite(rev) ? rev : null,
        age: toIso(r.metadata?.creationTimestamp),
        images: images(r.spec?.template?.spec?.containers),
      },
    };
  },
};

/** The STATUS column of `kubectl get pods` (kubectl's printPod; see pod-status.ts). */
export function podStatus(p: V1Pod): string {
  return printPod(p).status;
}

const SEVERITY_TONE: Record<Severity, Tone> = {
  ok: 'good',
  warning: 'warn',
  error: 'bad',
  neutral: 'neutral',
};

export const pods: RowSpec<V1Pod> = {
  // kubectl's columns (READY, STATUS, RESTARTS, AGE, then -o wide's IP and NODE), and under them
  // the diagnosis, which explains STATUS on a line of its own rather than being cut off.
  columns: [
    { key: 'ready', label: 'Ready', type: 'ratio' },
    { key: 'status', label: 'Status', type: 'status' },
    { key: 'restarts', label: 'Restarts', type: 'restarts' },
    age,
    // An IPv4 address fits 8.5rem; what is left goes to the pod's name.
    { key: 'ip', label: 'IP', type: 'mono', track: { css: '8.5rem', minRem: 8.5 } },
    { key: 'node', label: 'Node', type: 'text', track: { css: 'minmax(7rem, 1fr)', minRem: 7 } },
    { key: 'diagnosis', label: 'Diagnosis', type: 'prose', below: true },
  ],
  view: (p) => {
    const printed = printPod(p);
    const h = classifyPod(p, { now: Date.now() });
    return {
      // The colour is the diagnosis's severity: one classifier decides what is a problem.
      tone: SEVERITY_TONE[h.severity],
      cells: {
        ready: printed.ready,
        status: printed.status,
        restarts: printed.restarts,
        // Not a column: the RESTARTS cell renders "3 (14s ago)" from it against the live clock.
        lastRestartAt: printed.lastRestartAt,
        node: p.spec?.nodeName ?? null,
        ip: p.status?.podIP ?? null,
        age: toIso(p.metadata?.creationTimestamp),
        diagnosis: diagnosis(h),
      },
    };
  },
};

/**
 * The health classifier's one line, for pods that are not simply fine (a Ready pod that restarted
 * says when and why, the last termination kubectl hides). Rows are built when a pod changes, so
 * the time-based turns (starting to not ready after the grace, terminating to stuck) show here only
 * at the pod's next change; the pod, workload and overview pages reclassify each poll.
 */
function diagnosis(h: PodHealth): string | null {
  if (h.state === 'Succeeded') return null;
  if (h.state === 'Ready' && h.evidence.length <= 1) return null;
  return h.summary;
}

const JOB_TONE: Record<JobOutcome, Tone> = {
  Complete: 'good',
  Failed: 'bad',
  Suspended: 'neutral',
  Running: 'warn',
};

function jobStatus(j: V1Job): { status: string; tone: Tone } {
  const status = jobOutcome(j);
  return { status, tone: JOB_TONE[status] };
}

export const jobs: RowSpec<V1Job> = {
  columns: [
    { key: 'status', label: 'Status', type: 'status' },
    { key: 'completions', label: 'Completions', type: 'ratio' },
    { key: 'duration', label: 'Duration', type: 'text' },
    { key: 'owner', label: 'Owner', type: 'text' },
    age,
    { key: 'images', label: 'Images', type: 'list' },
  ],
  view: (j) => {
    const { status, tone } = jobStatus(j);
    const start = toIso(j.status?.startTime);
    const end = toIso(j.status?.completionTime);
    const secs = start && end ? Math.round((Date.parse(end) - Date.parse(start)) / 1000) : null;
    return {
      tone,
      cells: {
        status,
        completions: ratio(j.status?.succeeded ?? 0, j.spec?.completions ?? 1),
        duration: secs === null ? null : `${secs}s`,
        owner: owner(j.metadata?.ownerReferences),
        age: toIso(j.metadata?.creationTimestamp),
        images: images(j.spec?.template?.spec?.containers),
      },
    };
  },
};

export const cronjobs: RowSpec<V1CronJob> = {
  columns: [
    { key: 'schedule', label: 'Schedule', type: 'mono' },
    { key: 'suspend', label: 'Suspended', type: 'text' },
    { key: 'active', label: 'Active', type: 'number' },
    { key: 'lastSchedule', label: 'Last schedule', type: 'age' },
    age,
    { key: 'images', label: 'Images', type: 'list' },
  ],
  view: (c) => ({
    tone: c.spec?.suspend ? 'neutral' : 'good',
    cells: {
      schedule: c.spec?.schedule ?? '',
      suspend: c.spec?.suspend ? 'Yes' : 'No',
      active: c.status?.active?.length ?? 0,
      lastSchedule: toIso(c.status?.lastScheduleTime),
      age: toIso(c.metadata?.creationTimestamp),
      images: images(c.spec?.jobTemplate?.spec?.template?.spec?.containers),
    },
  }),
};
