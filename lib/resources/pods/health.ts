/**
 * Why a pod is (un)healthy, in one line a person can act on, with the status fields that prove it.
 * PURE: runs on the server, in unit tests and in the browser over JSON (timestamps may be strings).
 */
import type { V1Pod, V1PodCondition } from '@kubernetes/client-node';
import { asSentence } from '../../format';
import {
  byHealth,
  cap,
  containerProblem,
  describeExit,
  type Evidence,
  field,
  formatDuration,
  health,
  isProblem,
  lastTermination,
  type PodHealth,
  type PodState,
  plural,
  type Severity,
  type Slot,
  STATE_LABEL,
  slots,
  timeMs,
  waitingEvidence,
} from './health-containers';
import { NODE_LOST_REASON } from './status';

export type { Evidence, PodHealth, PodState, Severity } from './health-containers';
export { byHealth, formatDuration, isProblem, STATE_LABEL, timeMs } from './health-containers';

export interface ClassifyOptions {
  /** ms since epoch; passed in so that tests, SSR and the browser agree. */
  now: number;
  /** The Ready condition of the pod's node when known: a pod on a lost node has no trustworthy status. */
  nodeReady?: 'True' | 'False' | 'Unknown';
}

/** Deletion is due at deletionTimestamp; kubelets and finalizers get this much longer before we call it stuck. */
export const STUCK_TERMINATING_MARGIN_MS = 60_000;
/** A container running but not ready for this long (after its probe's initial delay) is "not ready", not "starting". */
export const READY_GRACE_MS = 30_000;
/** Creating containers (volumes, sandbox) for longer than this is worth a warning. */
export const SLOW_START_MS = 5 * 60_000;

function condition(pod: V1Pod, type: string): V1PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

function terminating(pod: V1Pod, now: number, nodeReady: ClassifyOptions['nodeReady']): PodHealth {
  const due = timeMs(pod.metadata?.deletionTimestamp) ?? now;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  const finalizers = pod.metadata?.finalizers ?? [];
  const ev: Evidence[] = [{ field: 'metadata.deletionTimestamp', value: new Date(due).toISOString() }];
  if (grace !== undefined) ev.push({ field: 'metadata.deletionGracePeriodSeconds', value: String(grace) });
  if (finalizers.length) ev.push({ field: 'metadata.finalizers', value: finalizers.join(', ') });
  if (now <= due + STUCK_TERMINATING_MARGIN_MS) {
    const left = due > now ? `; grace period ends in ${formatDuration(due - now)}` : '';
    return health('Terminating', 'neutral', `Shutting down${left}.`, ev);
  }
  const why: string[] = [];
  if (finalizers.length) why.push(`waiting for finalizers ${finalizers.join(', ')}`);
  if (nodeReady && nodeReady !== 'True') why.push(`node ${pod.spec?.nodeName} is not responding`);
  return health(
    'StuckTerminating',
    'warning',
    `Stuck terminating: deletion was due ${formatDuration(now - due)} ago${why.length ? `, ${why.join(' and ')}` : ''}.`,
    ev,
  );
}

function terminal(pod: V1Pod, all: Slot[]): PodHealth | undefined {
  const st = pod.status;
  if (st?.phase === 'Succeeded')
    return health('Succeeded', 'neutral', 'Completed successfully.', [
      { field: 'status.phase', value: 'Succeeded' },
    ]);
  if (st?.phase !== 'Failed') return undefined;
  const ev: Evidence[] = [{ field: 'status.phase', value: 'Failed' }];
  if (st.reason) ev.push({ field: 'status.reason', value: st.reason });
  if (st.message) ev.push({ field: 'status.message', value: st.message });
  if (st.reason === 'Evicted')
    return health(
      'Evicted',
      'warning',
      `Evicted: ${st.message ?? 'the node needed its resources back.'}`,
      ev,
    );
  const failed = all.find((s) => (s.status.state?.terminated?.exitCode ?? 0) !== 0);
  const t = failed?.status.state?.terminated;
  if (failed && t) {
    ev.push({ field: field(failed, 'state.terminated.reason'), value: t.reason ?? '' });
    ev.push({ field: field(failed, 'state.terminated.exitCode'), value: String(t.exitCode) });
    return health(
      'Failed',
      'error',
      `Failed: ${failed.label} ${describeExit(t.reason, t.exitCode, t.signal)}.`,
      ev,
    );
  }
  return health(
    'Failed',
    'error',
    `Failed${st.message ? `: ${st.message}` : st.reason ? ` (${st.reason}).` : '.'}`,
    ev,
  );
}

function pending(pod: V1Pod, all: Slot[], now: number): PodHealth {
  const scheduled = condition(pod, 'PodScheduled');
  if (scheduled?.status === 'False') {
    const ev: Evidence[] = [
      { field: 'status.conditions[PodScheduled].reason', value: scheduled.reason ?? '' },
      { field: 'status.conditions[PodScheduled].message', value: scheduled.message ?? '' },
    ];
    if (scheduled.reason === 'SchedulingGated')
      return health(
        'Starting',
        'neutral',
        `Waiting for scheduling gates: ${asSentence(scheduled.message ?? '')}`,
        ev,
      );
    return health(
      'Unschedulable',
      'error',
      `Cannot be scheduled: ${asSentence(scheduled.message ?? scheduled.reason ?? 'no reason given')}`,
      ev,
    );
  }
  if (!pod.spec?.nodeName)
    return health('Starting', 'neutral', 'Waiting to be scheduled onto a node.', [
      { field: 'spec.nodeName', value: '' },
    ]);
  const since = timeMs(scheduled?.lastTransitionTime) ?? timeMs(pod.status?.startTime) ?? now;
  const slow = now - since > SLOW_START_MS;
  const severity: Severity = slow ? 'warning' : 'neutral';
  const say = (what: string) =>
    slow ? `Still starting after ${formatDuration(now - since)}: ${what}` : cap(what);
  const inits = all.filter((s) => s.init);
  const idx = inits.findIndex((s) => s.status.state?.terminated?.exitCode !== 0);
  const current = inits[idx];
  if (current) {
    const st = current.status.state;
    const value = st?.running ? 'running' : (st?.waiting?.reason ?? 'waiting');
    return health(
      'Starting',
      severity,
      say(
        `${value === 'running' ? 'running' : 'waiting for'} ${current.label} (${idx + 1} of ${inits.length}).`,
      ),
      [{ field: field(current, 'state'), value }],
    );
  }
  const waiting = all.find((s) => s.status.state?.waiting);
  const reason = waiting?.status.state?.waiting?.reason ?? 'ContainerCreating';
  const ev = waiting ? waitingEvidence(waiting) : [{ field: 'status.phase', value: 'Pending' }];
  return health(
    'Starting',
    severity,
    say(`creating containers on node ${pod.spec.nodeName} (${reason}).`),
    ev,
  );
}

/** The readiness budget: probe initial delay (+ startup probe budget while not started) + a grace period. */
function readyGraceMs(s: Slot): number {
  const rp = s.spec?.readinessProbe;
  const sp = s.spec?.startupProbe;
  let ms = READY_GRACE_MS + (rp?.initialDelaySeconds ?? 0) * 1000;
  if (sp && s.status.started !== true)
    ms += ((sp.initialDelaySeconds ?? 0) + (sp.periodSeconds ?? 10) * (sp.failureThreshold ?? 3)) * 1000;
  return ms;
}

function running(pod: V1Pod, all: Slot[], now: number): PodHealth {
  const ready = condition(pod, 'Ready');
  const restarted = all.filter((s) => (s.status.restartCount ?? 0) > 0 && s.status.lastState?.terminated);
  if (ready?.status === 'True') {
    const ev: Evidence[] = [{ field: 'status.conditions[Ready].status', value: 'True' }];
    const r = restarted[0];
    const t = r?.status.lastState?.terminated;
    if (!r || !t) return health('Ready', 'ok', 'Running and ready.', ev);
    const ago = timeMs(t.finishedAt);
    const when = ago === undefined ? '' : ` ${formatDuration(now - ago)} ago`;
    return health(
      'Ready',
      'ok',
      `Running and ready; ${r.label} restarted ${plural(r.status.restartCount, 'time')}, last ${describeExit(t.reason, t.exitCode, t.signal)}${when}.`,
      [
        ...ev,
        ...lastTermination(r),
        { field: field(r, 'restartCount'), value: String(r.status.restartCount) },
      ],
    );
  }
  const notReady = all.filter((s) => !s.init && !s.status.ready && !s.status.state?.terminated);
  const gates = (pod.spec?.readinessGates ?? [])
    .map((g) => g.conditionType)
    .filter((t) => condition(pod, t)?.status !== 'True');
  const ev: Evidence[] = [{ field: 'status.conditions[Ready].status', value: ready?.status ?? 'missing' }];
  if (ready?.reason) ev.push({ field: 'status.conditions[Ready].reason', value: ready.reason });
  for (const s of notReady) ev.push({ field: field(s, 'ready'), value: 'false' });
  for (const g of gates)
    ev.push({ field: `status.conditions[${g}].status`, value: condition(pod, g)?.status ?? 'missing' });
  const starting = notReady.filter((s) => {
    const started = timeMs(s.status.state?.running?.startedAt);
    return started === undefined || now - started < readyGraceMs(s);
  });
  if (notReady.length > 0 && starting.length === notReady.length && gates.length === 0) {
    return health(
      'Starting',
      'neutral',
      `Started; waiting for ${notReady.map((s) => s.label).join(', ')} to become ready.`,
      ev,
    );
  }
  const parts = notReady.map(
    (s) => `${s.label} ${s.spec?.readinessProbe ? 'fails its readiness probe' : 'is not ready'}`,
  );
  for (const g of gates) parts.push(`readiness gate ${g} is not satisfied`);
  if (parts.length === 0) parts.push(ready?.message ?? 'the Ready condition is not True');
  return health('NotReady', 'warning', `Running but not ready: ${parts.join('; ')}.`, ev);
}

/**
 * A finished pod kept by a finalizer: kubectl still prints its final STATUS (Completed, Error), not
 * Terminating, and so does the diagnosis, saying what holds the deletion.
 */
function heldFinished(pod: V1Pod, done: PodHealth): PodHealth {
  const finalizers = pod.metadata?.finalizers ?? [];
  const due = timeMs(pod.metadata?.deletionTimestamp);
  const ev: Evidence[] = [
    ...done.evidence,
    { field: 'metadata.deletionTimestamp', value: due === undefined ? '' : new Date(due).toISOString() },
  ];
  if (finalizers.length) ev.push({ field: 'metadata.finalizers', value: finalizers.join(', ') });
  const held = finalizers.length
    ? `its deletion waits for finalizers ${finalizers.join(', ')}`
    : 'it is being deleted';
  return { ...done, summary: `${done.summary.replace(/\.$/, '')}; ${held}.`, evidence: ev };
}

export function classifyPod(pod: V1Pod, opts: ClassifyOptions): PodHealth {
  const { now, nodeReady } = opts;
  const all = slots(pod);
  const phase = pod.status?.phase ?? 'Pending';
  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && pod.status?.reason === NODE_LOST_REASON) {
    // kubectl prints Unknown: the node controller marked the pod for deletion because its node is gone.
    const node = pod.spec?.nodeName ?? 'its node';
    return health(
      'Unknown',
      'error',
      `Node ${node} was lost (NodeLost): the pod is being deleted and its real state is unknown.`,
      [
        { field: 'status.reason', value: NODE_LOST_REASON },
        ...(pod.status?.message ? [{ field: 'status.message', value: pod.status.message }] : []),
      ],
    );
  }
  const done = terminal(pod, all);
  if (done) return deleting ? heldFinished(pod, done) : done;
  if (deleting) return terminating(pod, now, nodeReady);
  if (phase === 'Unknown' || (pod.spec?.nodeName && nodeReady && nodeReady !== 'True')) {
    const node = pod.spec?.nodeName ?? 'its node';
    const ev: Evidence[] = [{ field: 'status.phase', value: phase }];
    if (nodeReady) ev.push({ field: `node ${node} conditions[Ready].status`, value: nodeReady });
    return health('Unknown', 'error', `Node ${node} is not responding: the pod's real state is unknown.`, ev);
  }
  const problem = containerProblem(pod, all);
  if (problem) return problem;
  if (phase === 'Pending') return pending(pod, all, now);
  return running(pod, all, now);
}

export type WorkloadHealth = 'healthy' | 'degraded' | 'failing';

export interface WorkloadRef {
  kind: string;
  /** Pods the controller wants (replicas, DaemonSet desiredNumberScheduled); null for Jobs. */
  desired: number | null;
  /** A Job's Failed condition message (BackoffLimitExceeded, DeadlineExceeded…). */
  failedMessage?: string;
}

export interface WorkloadRollup<P> {
  health: WorkloadHealth;
  summary: string;
  ready: number;
  desired: number | null;
  /** Problem pods first, each carrying its own diagnosis. */
  pods: P[];
}

const FINISHED = new Set<PodState>(['Succeeded', 'Failed', 'Evicted', 'Terminating']);

function countStates(pods: { health: PodHealth }[]): string {
  const counts = new Map<PodState, number>();
  for (const p of pods) counts.set(p.health.state, (counts.get(p.health.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${STATE_LABEL[state].toLowerCase()}`).join(', ');
}

/**
 * Health of a workload from its pods, not from replica counts alone: a Deployment whose pods
 * crash-loop between restarts can report 2/2 available for a moment, its pods cannot hide it.
 */
export function rollupWorkload<P extends { name: string; health: PodHealth }>(
  pods: P[],
  workload: WorkloadRef,
): WorkloadRollup<P> {
  const sorted = [...pods].sort(byHealth);
  const ready = pods.filter((p) => p.health.state === 'Ready').length;
  const { desired } = workload;
  const out = (health: WorkloadHealth, summary: string) => ({
    health,
    summary,
    ready,
    desired,
    pods: sorted,
  });
  if (workload.kind === 'Job') {
    const problems = pods.filter((p) => isProblem(p.health));
    const progressing = pods.some((p) => ['Succeeded', 'Ready', 'Starting'].includes(p.health.state));
    if (workload.failedMessage) return out('failing', `Job failed: ${workload.failedMessage}`);
    if (problems.length === 0) {
      const done = pods.filter((p) => p.health.state === 'Succeeded').length;
      return out('healthy', pods.length ? `${done} of ${plural(pods.length, 'pod')} succeeded` : 'No pods');
    }
    return out(progressing ? 'degraded' : 'failing', countStates(problems));
  }
  // Finished pods of a long-running controller are history (an old eviction), not current health.
  const current = pods.filter((p) => !FINISHED.has(p.health.state));
  const problems = current.filter((p) => isProblem(p.health));
  const want = desired ?? current.length;
  const counts = `${ready} of ${want} ready`;
  if (want === 0 && current.length === 0) return out('healthy', 'Scaled to zero');
  if (problems.length > 0) {
    return out(ready === 0 && want > 0 ? 'failing' : 'degraded', `${counts}; ${countStates(problems)}`);
  }
  if (ready < want) {
    const starting = current.length - ready;
    return out(
      'degraded',
      `${counts}${starting > 0 ? `; ${starting} starting` : `; ${want - current.length} missing`}`,
    );
  }
  return out('healthy', counts);
}
