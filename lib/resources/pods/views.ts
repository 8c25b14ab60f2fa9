import type {
  CoreV1Event,
  V1Container,
  V1ContainerState,
  V1ContainerStatus,
  V1Pod,
  V1Probe,
} from '@kubernetes/client-node';
import { toIso } from '../objects/iso';
import { classifyPod, type PodHealth } from './health';
import { printPod } from './status';

/** Browser-facing view models for pods, their containers and events. PURE. */

export interface OwnerRef {
  kind: string;
  name: string;
}

export interface PodRow {
  uid: string;
  namespace: string;
  name: string;
  phase: string;
  node: string | null;
  /** READY, STATUS and RESTARTS exactly as `kubectl get pods` prints them (pod-status.ts). */
  ready: string;
  status: string;
  restarts: number;
  /** The last counted restart (ISO): RESTARTS reads "3 (14s ago)" with it. */
  lastRestartAt: string | null;
  createdAt: string | null;
  owner: OwnerRef | null;
  health: PodHealth;
}

export interface StateView {
  kind: 'running' | 'waiting' | 'terminated' | 'unknown';
  reason: string | null;
  message: string | null;
  exitCode: number | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ContainerView {
  name: string;
  role: 'init' | 'sidecar' | 'container';
  image: string;
  ready: boolean;
  restarts: number;
  state: StateView;
  lastState: StateView | null;
  probes: { kind: 'startup' | 'liveness' | 'readiness'; text: string }[];
  requests: Record<string, string>;
  limits: Record<string, string>;
}

export interface ConditionView {
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  lastTransitionTime: string | null;
}

export interface EventView {
  uid: string;
  type: string;
  reason: string;
  message: string;
  count: number;
  lastSeen: string | null;
  source: string;
  object: OwnerRef & { namespace: string };
}

export interface PodDetail {
  row: PodRow;
  containers: ContainerView[];
  conditions: ConditionView[];
  podIPs: string[];
  hostIP: string | null;
  qosClass: string | null;
  serviceAccount: string | null;
  labels: Record<string, string>;
  /** Pod's controller first, then its controller (Pod -> ReplicaSet -> Deployment). */
  owners: OwnerRef[];
  events: EventView[];
  deleting: boolean;
}

export function controllerOf(
  meta: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] } | undefined,
): OwnerRef | null {
  const refs = meta?.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  return ref ? { kind: ref.kind, name: ref.name } : null;
}

export function toPodRow(pod: V1Pod, now: number, nodeReady?: 'True' | 'False' | 'Unknown'): PodRow {
  const printed = printPod(pod);
  return {
    uid: pod.metadata?.uid ?? '',
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Pending',
    node: pod.spec?.nodeName ?? null,
    ready: printed.ready,
    status: printed.status,
    restarts: printed.restarts,
    lastRestartAt: printed.lastRestartAt,
    createdAt: toIso(pod.metadata?.creationTimestamp),
    owner: controllerOf(pod.metadata),
    health: classifyPod(pod, { now, nodeReady }),
  };
}

function toState(s: V1ContainerState | undefined): StateView {
  const base = { reason: null, message: null, exitCode: null, startedAt: null, finishedAt: null };
  if (s?.running) return { ...base, kind: 'running', startedAt: toIso(s.running.startedAt) };
  if (s?.waiting)
    return { ...base, kind: 'waiting', reason: s.waiting.reason ?? null, message: s.waiting.message ?? null };
  if (s?.terminated) {
    const t = s.terminated;
    return {
      kind: 'terminated',
      reason: t.reason ?? null,
      message: t.message ?? null,
      exitCode: t.exitCode,
      startedAt: toIso(t.startedAt),
      finishedAt: toIso(t.finishedAt),
    };
  }
  return { ...base, kind: 'unknown' };
}

/** "HTTP GET /healthz on port 8080, every 10s, after 5s, …" — the probe as a person reads it. */
export function describeProbe(p: V1Probe): string {
  let how = 'probe';
  if (p.httpGet)
    how = `HTTP${p.httpGet.scheme === 'HTTPS' ? 'S' : ''} GET ${p.httpGet.path ?? '/'} on port ${p.httpGet.port}`;
  else if (p.tcpSocket) how = `TCP port ${p.tcpSocket.port}`;
  else if (p.grpc) how = `gRPC port ${p.grpc.port}${p.grpc.service ? ` ${p.grpc.service}` : ''}`;
  else if (p.exec) how = `exec ${(p.exec.command ?? []).join(' ')}`;
  const parts = [how, `every ${p.periodSeconds ?? 10}s`];
  if (p.initialDelaySeconds) parts.push(`after ${p.initialDelaySeconds}s`);
  parts.push(`timeout ${p.timeoutSeconds ?? 1}s`, `${p.failureThreshold ?? 3} failures`);
  return parts.join(', ');
}

function quantities(q: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(q ?? {}).map(([k, v]) => [k, String(v)]));
}

function toContainer(
  spec: V1Container,
  role: ContainerView['role'],
  status: V1ContainerStatus | undefined,
): ContainerView {
  const probes: ContainerView['probes'] = [];
  if (spec.startupProbe) probes.push({ kind: 'startup', text: describeProbe(spec.startupProbe) });
  if (spec.livenessProbe) probes.push({ kind: 'liveness', text: describeProbe(spec.livenessProbe) });
  if (spec.readinessProbe) probes.push({ kind: 'readiness', text: describeProbe(spec.readinessProbe) });
  const last = status?.lastState;
  return {
    name: spec.name,
    role,
    image: spec.image ?? status?.image ?? '',
    ready: status?.ready ?? false,
    restarts: status?.restartCount ?? 0,
    state: status
      ? toState(status.state)
      : { ...toState(undefined), kind: 'waiting', reason: 'not created yet' },
    lastState: last && (last.terminated || last.running || last.waiting) ? toState(last) : null,
    probes,
    requests: quantities(spec.resources?.requests),
    limits: quantities(spec.resources?.limits),
  };
}

export function toContainers(pod: V1Pod): ContainerView[] {
  const init = pod.status?.initContainerStatuses ?? [];
  const main = pod.status?.containerStatuses ?? [];
  return [
    ...(pod.spec?.initContainers ?? []).map((c) =>
      toContainer(
        c,
        c.restartPolicy === 'Always' ? 'sidecar' : 'init',
        init.find((s) => s.name === c.name),
      ),
    ),
    ...(pod.spec?.containers ?? []).map((c) =>
      toContainer(
        c,
        'container',
        main.find((s) => s.name === c.name),
      ),
    ),
  ];
}

export function toEventView(e: CoreV1Event): EventView {
  const last =
    toIso(e.lastTimestamp) ??
    toIso(e.eventTime) ??
    toIso(e.series?.lastObservedTime) ??
    toIso(e.firstTimestamp) ??
    toIso(e.metadata?.creationTimestamp);
  return {
    uid: e.metadata?.uid ?? `${e.metadata?.name}`,
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.series?.count ?? e.count ?? 1,
    lastSeen: last,
    source: e.reportingComponent || e.source?.component || '',
    object: {
      kind: e.involvedObject.kind ?? '',
      name: e.involvedObject.name ?? '',
      namespace: e.involvedObject.namespace ?? e.metadata?.namespace ?? '',
    },
  };
}

/** Newest first; events without a time go last. */
export function byLastSeen(a: EventView, b: EventView): number {
  return (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '');
}

export function toPodDetail(
  pod: V1Pod,
  opts: { now: number; nodeReady?: 'True' | 'False' | 'Unknown'; owners: OwnerRef[]; events: CoreV1Event[] },
): PodDetail {
  const st = pod.status;
  return {
    row: toPodRow(pod, opts.now, opts.nodeReady),
    containers: toContainers(pod),
    conditions: (st?.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason ?? null,
      message: c.message ?? null,
      lastTransitionTime: toIso(c.lastTransitionTime),
    })),
    podIPs: (st?.podIPs ?? []).map((p) => p.ip).filter(Boolean).length
      ? (st?.podIPs ?? []).map((p) => p.ip)
      : st?.podIP
        ? [st.podIP]
        : [],
    hostIP: st?.hostIP ?? null,
    qosClass: st?.qosClass ?? null,
    serviceAccount: pod.spec?.serviceAccountName ?? null,
    labels: pod.metadata?.labels ?? {},
    owners: opts.owners,
    events: opts.events.map(toEventView).sort(byLastSeen),
    deleting: Boolean(pod.metadata?.deletionTimestamp),
  };
}
