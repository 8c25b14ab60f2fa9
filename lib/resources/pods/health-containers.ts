import type { V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { containerFailure } from './status';

/** Container-level evidence for the pod classifier in health.ts (PURE, like it). */
export type Severity = 'ok' | 'warning' | 'error' | 'neutral';

export type PodState =
  | 'Ready'
  | 'Starting'
  | 'Unschedulable'
  | 'ImagePullFailed'
  | 'CrashLoop'
  | 'ContainerError'
  | 'NotReady'
  | 'Terminating'
  | 'StuckTerminating'
  | 'Failed'
  | 'Evicted'
  | 'Succeeded'
  | 'Unknown';

export interface Evidence {
  field: string;
  value: string;
}

export interface PodHealth {
  state: PodState;
  severity: Severity;
  summary: string;
  evidence: Evidence[];
}

export function timeMs(t: Date | string | undefined | null): number | undefined {
  if (!t) return undefined;
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

export function health(
  state: PodState,
  severity: Severity,
  summary: string,
  evidence: Evidence[],
): PodHealth {
  return { state, severity, summary, evidence };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h` : `${Math.floor(h / 24)}d`;
}

export interface Slot {
  status: V1ContainerStatus;
  spec: V1Container | undefined;
  /** status.containerStatuses or status.initContainerStatuses */
  list: 'containerStatuses' | 'initContainerStatuses';
  /** "container app", "init container migrate", "sidecar envoy" */
  label: string;
  sidecar: boolean;
  init: boolean;
}

export function slots(pod: V1Pod): Slot[] {
  const initSpecs = pod.spec?.initContainers ?? [];
  const specs = pod.spec?.containers ?? [];
  const init = (pod.status?.initContainerStatuses ?? []).map((status): Slot => {
    const spec = initSpecs.find((c) => c.name === status.name);
    const sidecar = spec?.restartPolicy === 'Always';
    const label = `${sidecar ? 'sidecar' : 'init container'} ${status.name}`;
    return { status, spec, list: 'initContainerStatuses', label, sidecar, init: !sidecar };
  });
  const main = (pod.status?.containerStatuses ?? []).map(
    (status): Slot => ({
      status,
      spec: specs.find((c) => c.name === status.name),
      list: 'containerStatuses',
      label: `container ${status.name}`,
      sidecar: false,
      init: false,
    }),
  );
  return [...init, ...main];
}

export function field(s: Slot, rest: string): string {
  return `status.${s.list}[${s.status.name}].${rest}`;
}

/** "killed for running out of memory (OOMKilled, exit code 137)" / "Error, exit code 1" */
export function describeExit(
  reason: string | undefined,
  exitCode: number | undefined,
  signal?: number,
): string {
  const code = exitCode === undefined ? 'no exit code' : `exit code ${exitCode}`;
  const sig = signal ? `, signal ${signal}` : '';
  if (reason === 'OOMKilled') return `killed for running out of memory (OOMKilled, ${code})`;
  return reason ? `exited with ${reason} (${code}${sig})` : `exited with ${code}${sig}`;
}

export function lastTermination(s: Slot): Evidence[] {
  const t = s.status.lastState?.terminated;
  if (!t) return [];
  const ev: Evidence[] = [];
  if (t.reason) ev.push({ field: field(s, 'lastState.terminated.reason'), value: t.reason });
  ev.push({ field: field(s, 'lastState.terminated.exitCode'), value: String(t.exitCode) });
  const at = timeMs(t.finishedAt);
  if (at !== undefined)
    ev.push({ field: field(s, 'lastState.terminated.finishedAt'), value: new Date(at).toISOString() });
  return ev;
}

export function waitingEvidence(s: Slot): Evidence[] {
  const w = s.status.state?.waiting;
  const ev: Evidence[] = [{ field: field(s, 'state.waiting.reason'), value: w?.reason ?? '' }];
  if (w?.message) ev.push({ field: field(s, 'state.waiting.message'), value: w.message });
  return ev;
}

/** A container that is failing to run, whatever the pod phase says; init containers first since they block. */
export function containerProblem(pod: V1Pod, all: Slot[]): PodHealth | undefined {
  const found: PodHealth[] = [];
  for (const s of all) {
    const reason = s.status.state?.waiting?.reason ?? '';
    const failure = containerFailure(reason);
    const restarts = plural(s.status.restartCount ?? 0, 'restart');
    const image = s.spec?.image ?? s.status.image;
    if (failure === 'ImagePull') {
      found.push(
        health('ImagePullFailed', 'error', `Cannot pull image "${image}" for ${s.label} (${reason}).`, [
          ...waitingEvidence(s),
          {
            field: `spec.${s.list === 'containerStatuses' ? 'containers' : 'initContainers'}[${s.status.name}].image`,
            value: image,
          },
        ]),
      );
    } else if (failure === 'CannotStart') {
      const why = s.status.state?.waiting?.message;
      found.push(
        health(
          'ContainerError',
          'error',
          `${cap(s.label)} cannot start (${reason})${why ? `: ${why}` : '.'}`,
          [...waitingEvidence(s)],
        ),
      );
    } else if (failure === 'CrashLoop') {
      const t = s.status.lastState?.terminated;
      const last = t ? `last ${describeExit(t.reason, t.exitCode, t.signal)}` : 'no exit recorded yet';
      found.push(
        health('CrashLoop', 'error', `${cap(s.label)} is crash-looping (${restarts}): ${last}.`, [
          ...waitingEvidence(s),
          ...lastTermination(s),
          { field: field(s, 'restartCount'), value: String(s.status.restartCount ?? 0) },
        ]),
      );
    } else {
      // Exited with an error and about to be restarted (before back-off kicks in, or "Init:Error").
      const t = s.status.state?.terminated;
      const restarting = pod.spec?.restartPolicy !== 'Never' || s.sidecar;
      if (t && t.exitCode !== 0 && restarting && pod.status?.phase !== 'Failed') {
        found.push(
          health(
            'CrashLoop',
            'error',
            `${cap(s.label)} ${describeExit(t.reason, t.exitCode, t.signal)} and will be restarted.`,
            [
              { field: field(s, 'state.terminated.reason'), value: t.reason ?? '' },
              { field: field(s, 'state.terminated.exitCode'), value: String(t.exitCode) },
            ],
          ),
        );
      }
    }
  }
  const first = found[0];
  if (!first) return undefined;
  if (found.length > 1) {
    first.summary = `${first.summary.replace(/\.$/, '')} (and ${plural(found.length - 1, 'more container')} failing).`;
    first.evidence.push(...found.slice(1).flatMap((h) => h.evidence));
  }
  return first;
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const STATE_LABEL: Record<PodState, string> = {
  Ready: 'Ready',
  Starting: 'Starting',
  Unschedulable: 'Unschedulable',
  ImagePullFailed: 'Image pull failed',
  CrashLoop: 'Crash loop',
  ContainerError: 'Cannot start',
  NotReady: 'Not ready',
  Terminating: 'Terminating',
  StuckTerminating: 'Stuck terminating',
  Failed: 'Failed',
  Evicted: 'Evicted',
  Succeeded: 'Succeeded',
  Unknown: 'Unknown',
};

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, neutral: 2, ok: 3 };

/** Problems first (errors, then warnings), then by name: the order every list of pods uses. */
export function byHealth<T extends { name: string; health: PodHealth }>(a: T, b: T): number {
  return SEVERITY_RANK[a.health.severity] - SEVERITY_RANK[b.health.severity] || a.name.localeCompare(b.name);
}

export function isProblem(h: PodHealth): boolean {
  return h.severity === 'error' || h.severity === 'warning';
}
