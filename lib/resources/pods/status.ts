import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';

/**
 * READY, STATUS and RESTARTS of a pod exactly as `kubectl get pods` prints them: the rules of
 * `printPod` in k8s.io/kubernetes pkg/printers/internalversion/printers.go (v1.36), which the API
 * server runs for kubectl's table. Every view that names a pod's status uses this, and the health
 * diagnosis (health.ts) adds to it without contradicting it.
 *
 * PURE and browser-safe: only client-node's types, and timestamps may be Dates (typed client) or
 * ISO strings (JSON off the wire). Time enters only through `now` arguments.
 */

export interface PodColumns {
  /** READY: "ready/total", sidecars (init containers with restartPolicy Always) counted. */
  ready: string;
  readyContainers: number;
  totalContainers: number;
  /** STATUS, e.g. Running, Init:0/2, Init:CrashLoopBackOff, NotReady, SchedulingGated, Terminating. */
  status: string;
  /** RESTARTS' count: every init container's while initializing, then sidecars' and containers'. */
  restarts: number;
  /** When the last counted restart happened (its termination's finishedAt), if known; ISO. */
  lastRestartAt: string | null;
}

/** `pod.Status.Reason` kubectl maps to Unknown on a pod being deleted (k8s.io/kubernetes pkg/util/node). */
export const NODE_LOST_REASON = 'NodeLost';

type Time = Date | string | undefined | null;

function ms(t: Time): number | undefined {
  if (!t) return undefined;
  const v = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isNaN(v) ? undefined : v;
}

function conditionTrue(pod: V1Pod, type: string): boolean {
  // kubectl looks at the first condition of the type only.
  return pod.status?.conditions?.find((c) => c.type === type)?.status === 'True';
}

function laterTermination(at: number | undefined, s: V1ContainerStatus): number | undefined {
  const t = ms(s.lastState?.terminated?.finishedAt);
  if (t === undefined) return at;
  return at === undefined || t > at ? t : at;
}

/** kubectl's printPod, the READY, STATUS and RESTARTS cells. */
export function printPod(pod: V1Pod): PodColumns {
  const spec = pod.spec;
  const st = pod.status;
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = spec?.containers?.length ?? 0;
  let ready = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  const phase = st?.phase ?? '';
  let reason: string = st?.reason || phase;
  for (const c of st?.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const inits = spec?.initContainers ?? [];
  const sidecar = new Set(inits.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  total += sidecar.size;

  let initializing = false;
  const initStatuses = st?.initContainerStatuses ?? [];
  for (const [i, c] of initStatuses.entries()) {
    restarts += c.restartCount ?? 0;
    lastRestart = laterTermination(lastRestart, c);
    const isSidecar = sidecar.has(c.name);
    if (isSidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = laterTermination(lastSidecarRestart, c);
    }
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (isSidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      if (term.reason) reason = `Init:${term.reason}`;
      else if (term.signal) reason = `Init:Signal:${term.signal}`;
      else reason = `Init:ExitCode:${term.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${inits.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    // Once initialized, init containers' restarts are history: only sidecars keep counting.
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    let errorReason = '';
    const statuses = st?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as V1ContainerStatus;
      restarts += c.restartCount ?? 0;
      lastRestart = laterTermination(lastRestart, c);
      const term = c.state?.terminated;
      if (c.state?.waiting?.reason) {
        reason = c.state.waiting.reason;
      } else if (term) {
        if (term.reason) reason = term.reason;
        else if (term.signal) reason = `Signal:${term.signal}`;
        else reason = `ExitCode:${term.exitCode}`;
        if (term.exitCode !== 0) errorReason = reason;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // A completed container beside running ones: Running if the pod is Ready, else the failure, or
    // NotReady.
    if (reason === 'Completed') {
      if (hasRunning && conditionTrue(pod, 'Ready')) reason = 'Running';
      else if (errorReason) reason = errorReason;
      else if (hasRunning) reason = 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && st?.reason === NODE_LOST_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return {
    ready: `${ready}/${total}`,
    readyContainers: ready,
    totalContainers: total,
    status: reason,
    restarts,
    lastRestartAt: restarts !== 0 && lastRestart !== undefined ? new Date(lastRestart).toISOString() : null,
  };
}

/**
 * kubectl's age format (k8s.io/apimachinery pkg/util/duration HumanDuration): "14s", "3m5s",
 * "2h30m", "3d4h", "2y10d".
 */
export function humanDuration(durationMs: number): string {
  const seconds = Math.trunc(durationMs / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** The RESTARTS cell: "0", "3", or "3 (14s ago)" when the last restart's time is known. */
export function restartsText(restarts: number, lastRestartAt: string | null, now: number): string {
  const at = ms(lastRestartAt);
  if (restarts === 0 || at === undefined) return String(restarts);
  return `${restarts} (${humanDuration(now - at)} ago)`;
}

/**
 * The one list of container reasons that mean "failing, and waiting will not fix it": what the
 * diagnosis, the Pods list's colour and a rollout's "stuck" all go by.
 */
export type ContainerFailure = 'ImagePull' | 'CannotStart' | 'CrashLoop' | 'Exited';

export const CONTAINER_FAILURES: ReadonlyMap<string, ContainerFailure> = new Map<string, ContainerFailure>([
  ['ErrImagePull', 'ImagePull'],
  ['ImagePullBackOff', 'ImagePull'],
  ['InvalidImageName', 'ImagePull'],
  ['ErrImageNeverPull', 'ImagePull'],
  ['RegistryUnavailable', 'ImagePull'],
  ['SignatureValidationFailed', 'ImagePull'],
  ['CreateContainerConfigError', 'CannotStart'],
  ['CreateContainerError', 'CannotStart'],
  ['RunContainerError', 'CannotStart'],
  ['PreCreateHookError', 'CannotStart'],
  ['PreStartHookError', 'CannotStart'],
  ['PostStartHookError', 'CannotStart'],
  ['ContainerCannotRun', 'CannotStart'],
  ['StartError', 'CannotStart'],
  ['CrashLoopBackOff', 'CrashLoop'],
  // Terminated reasons: the container ran and failed.
  ['Error', 'Exited'],
  ['OOMKilled', 'Exited'],
  ['ContainerStatusUnknown', 'Exited'],
]);

export function containerFailure(reason: string | undefined | null): ContainerFailure | undefined {
  return reason ? CONTAINER_FAILURES.get(reason) : undefined;
}
