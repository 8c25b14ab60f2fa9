import 'server-only';
import type { V1Pod } from '@kubernetes/client-node';
import { AppError } from '../../../errors';
import { toAppError } from '../../../kube/errors';
import { sseStream } from '../../../live/sse';
import { type AnyWorkload, kindName } from '../../workloads/model';
import { workloadSelector } from '../../workloads/server/workloads';
import { type LogPipe, type LogQuery, pipeLog } from './logs';
import { watchPods } from './pod-watch';

/** Like kubectl's --max-log-requests: each followed pod is one open connection to the API server. */
export const MAX_FOLLOWED_PODS = 20;

export function templateContainers(w: AnyWorkload): string[] {
  return (w.obj.spec?.template?.spec?.containers ?? []).map((c) => c.name);
}

export function resolveWorkloadContainer(w: AnyWorkload, wanted: string | undefined): string {
  const names = templateContainers(w);
  const annotation = w.obj.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const name = wanted ?? annotation ?? names[0] ?? '';
  if (!names.includes(name)) {
    throw new AppError(
      404,
      `The pods of ${kindName(w)} "${w.obj.metadata?.name}" have no container "${name}". Their containers: ${names.join(', ')}.`,
      'unknown_container',
    );
  }
  return name;
}

/** Owned by this workload: a Deployment's pods through the ReplicaSet named after their template hash. */
export function ownsPod(w: AnyWorkload, pod: V1Pod): boolean {
  const ctrl = pod.metadata?.ownerReferences?.find((r) => r.controller);
  if (!ctrl) return false;
  if (w.kind === 'deployments') {
    const hash = pod.metadata?.labels?.['pod-template-hash'];
    return (
      ctrl.kind === 'ReplicaSet' && hash !== undefined && ctrl.name === `${w.obj.metadata?.name}-${hash}`
    );
  }
  return ctrl.uid === w.obj.metadata?.uid;
}

function hasLogs(pod: V1Pod, container: string): boolean {
  const st = pod.status?.containerStatuses?.find((s) => s.name === container);
  return Boolean(st?.state?.running || st?.state?.terminated || st?.lastState?.terminated);
}

interface Followed {
  name: string;
  pipe?: LogPipe;
  starting: boolean;
  /** When its last stream ended: a restarted container resumes from here instead of repeating the tail. */
  endedAt?: string;
  announced: boolean;
}

/**
 * Every pod of a workload, interleaved into one SSE stream and labelled by pod. A watch on the
 * workload's selector adds pods as they appear and drops them when they go.
 */
export function workloadLogStream(
  context: string,
  namespace: string,
  w: AnyWorkload,
  container: string,
  q: LogQuery,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const selector = workloadSelector(w);
  return sseStream(signal, (sink) => {
    const stop = new AbortController();
    const pods = new Map<string, Followed>();
    let capped = false;

    const start = (uid: string, f: Followed) => {
      f.starting = true;
      const options = f.endedAt
        ? { follow: true, timestamps: q.timestamps, sinceTime: f.endedAt }
        : { follow: true, timestamps: q.timestamps, tailLines: q.tailLines };
      void pipeLog(
        context,
        namespace,
        f.name,
        container,
        options,
        (lines) => sink.send('lines', { pod: f.name, lines }),
        (error) => {
          f.pipe = undefined;
          f.starting = false;
          f.endedAt = new Date().toISOString();
          if (pods.get(uid) !== f) return;
          sink.send('status', {
            kind: 'stopped',
            pod: f.name,
            message: error ? `${f.name}: ${error.message}` : `${f.name}: container ${container} stopped.`,
          });
        },
      ).then((p) => {
        if (stop.signal.aborted || pods.get(uid) !== f) p.stop();
        else if (f.starting) f.pipe = p;
        f.starting = false;
      });
      sink.send('status', { kind: 'joined', pod: f.name, message: `Following ${f.name}.` });
    };

    watchPods({
      context,
      namespace,
      labelSelector: selector,
      signal: stop.signal,
      onError: (e) => {
        const err = toAppError(e, { context, verb: 'watch', resource: 'pods', namespace });
        sink.send('error', { message: err.message });
        sink.close();
      },
      onEvent: (type, pod) => {
        if (!ownsPod(w, pod)) return;
        const uid = pod.metadata?.uid ?? '';
        const name = pod.metadata?.name ?? '';
        const f = pods.get(uid);
        if (type === 'DELETED' || pod.metadata?.deletionTimestamp) {
          if (!f) return;
          f.pipe?.stop();
          pods.delete(uid);
          sink.send('status', {
            kind: 'left',
            pod: name,
            message: `${name} is going away; no longer following it.`,
          });
          return;
        }
        if (f?.pipe || f?.starting) return;
        if (!f && pods.size >= MAX_FOLLOWED_PODS) {
          if (!capped)
            sink.send('status', {
              kind: 'info',
              message: `Following the first ${MAX_FOLLOWED_PODS} pods only.`,
            });
          capped = true;
          return;
        }
        const entry = f ?? { name, starting: false, announced: false };
        pods.set(uid, entry);
        if (hasLogs(pod, container)) start(uid, entry);
        else if (!entry.announced) {
          entry.announced = true;
          sink.send('status', {
            kind: 'waiting',
            pod: name,
            message: `${name} is starting; its log will follow.`,
          });
        }
      },
    });
    return () => {
      stop.abort();
      for (const f of pods.values()) f.pipe?.stop();
    };
  });
}
