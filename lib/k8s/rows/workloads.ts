import type {
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { classifyPod } from '../health';
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

const badReasons = new Set([
  'CrashLoopBackOff',
  'Error',
  'OOMKilled',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ContainerStatusUnknown',
  'Evicted',
  'Failed',
  'Unknown',
]);

/** The STATUS column of `kubectl get pods`: the phase, overridden by the most telling container reason. */
export function podStatus(p: V1Pod): string {
  let reason = p.status?.reason || p.status?.phase || 'Unknown';
  const inits = p.spec?.initContainers ?? [];
  const initStatuses = p.status?.initContainerStatuses ?? [];
  let initializing = false;
  for (const [i, s] of initStatuses.entries()) {
    const t = s.state?.terminated;
    if (t && t.exitCode === 0) continue;
    initializing = true;
    if (t) reason = t.reason ? `Init:${t.reason}` : `Init:ExitCode:${t.exitCode}`;
    else if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing')
      reason = `Init:${s.state.waiting.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    break;
  }
  if (!initializing) {
    let running = false;
    for (const s of [...(p.status?.containerStatuses ?? [])].reverse()) {
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state?.terminated)
        reason =
          s.state.terminated.reason ||
          (s.state.terminated.signal
            ? `Signal:${s.state.terminated.signal}`
            : `ExitCode:${s.state.terminated.exitCode}`);
      else if (s.ready && s.state?.running) running = true;
    }
    if (reason === 'Completed' && running) reason = 'Running';
  }
  if (p.metadata?.deletionTimestamp) reason = p.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function podTone(status: string, ready: number, total: number): Tone {
  if (status === 'Succeeded' || status === 'Completed') return 'neutral';
  if (badReasons.has(status) || status.startsWith('Init:Err') || status.startsWith('Init:Crash'))
    return 'bad';
  if (status === 'Running') return ready >= total ? 'good' : 'warn';
  return 'warn';
}

export const pods: RowSpec<V1Pod> = {
  columns: [
    { key: 'ready', label: 'Ready', type: 'ratio' },
    { key: 'status', label: 'Status', type: 'status' },
    { key: 'diagnosis', label: 'Diagnosis', type: 'text' },
    { key: 'restarts', label: 'Restarts', type: 'number' },
    { key: 'lastState', label: 'Last termination', type: 'text' },
    { key: 'node', label: 'Node', type: 'text' },
    { key: 'ip', label: 'IP', type: 'mono' },
    age,
  ],
  view: (p) => {
    const statuses = p.status?.containerStatuses ?? [];
    const total = p.spec?.containers?.length ?? statuses.length;
    const ready = statuses.filter((s) => s.ready).length;
    const status = podStatus(p);
    // The most recent earlier termination: OOMKilled hides here while the pod shows Running.
    const last = statuses
      .map((s) => s.lastState?.terminated)
      .filter((t) => t !== undefined)
      .sort((a, b) => (toIso(b.finishedAt) ?? '').localeCompare(toIso(a.finishedAt) ?? ''))[0];
    return {
      tone: podTone(status, ready, total),
      cells: {
        ready: ratio(ready, total),
        status,
        restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
        lastState: last ? `${last.reason ?? 'Terminated'} (exit ${last.exitCode})` : null,
        node: p.spec?.nodeName ?? null,
        ip: p.status?.podIP ?? null,
        age: toIso(p.metadata?.creationTimestamp),
        diagnosis: diagnosis(p),
      },
    };
  },
};

/**
 * The health classifier's one line, for pods that are not simply fine. Rows are built when a pod
 * changes, so the time-based turns (starting to not ready after the grace, terminating to stuck)
 * show here only at the pod's next change; the pod, workload and overview pages reclassify each poll.
 */
function diagnosis(p: V1Pod): string | null {
  const h = classifyPod(p, { now: Date.now() });
  return h.state === 'Ready' || h.state === 'Succeeded' ? null : h.summary;
}

function jobStatus(j: V1Job): { status: string; tone: Tone } {
  const cond = (type: string) => j.status?.conditions?.some((c) => c.type === type && c.status === 'True');
  if (cond('Complete')) return { status: 'Complete', tone: 'good' };
  if (cond('Failed')) return { status: 'Failed', tone: 'bad' };
  if (j.spec?.suspend) return { status: 'Suspended', tone: 'neutral' };
  return { status: 'Running', tone: 'warn' };
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
