import 'server-only';
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { Log, type LogOptions, type V1Pod } from '@kubernetes/client-node';
import { z } from 'zod';
import { AppError } from '../../../errors';
import { kubeConfig } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { sseStream } from '../../../live/sse';
import { parseOrThrow } from '../../../params';
import { readPod } from '../../pods/server/pods';
import { LineSplitter } from '../lines';
import { watchPods } from './pod-watch';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const logQuery = z.object({
  container: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a container name is a DNS-1123 label')
    .optional(),
  follow: flag,
  previous: flag,
  timestamps: flag,
  tailLines: z.coerce.number().int().min(0).max(50_000).optional(),
});

export interface LogQuery {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines: number;
}

export const DEFAULT_TAIL = 500;

export function parseLogQuery(params: URLSearchParams): LogQuery {
  const raw = Object.fromEntries([...params].filter(([k]) => k in logQuery.shape));
  const q = parseOrThrow(logQuery, raw, 'log options');
  return {
    container: q.container,
    // A previous container has stopped for good: there is nothing to follow.
    follow: q.previous ? false : (q.follow ?? true),
    previous: q.previous ?? false,
    timestamps: q.timestamps ?? false,
    tailLines: q.tailLines ?? DEFAULT_TAIL,
  };
}

export function containerNames(pod: V1Pod): string[] {
  return [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ].map((c) => c.name);
}

/** The requested container, or the pod's default one (kubectl's annotation, else the first). */
export function resolveContainer(pod: V1Pod, wanted: string | undefined): string {
  const names = containerNames(pod);
  const name =
    wanted ?? pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0] ?? '';
  if (!names.includes(name)) {
    throw new AppError(
      404,
      `Pod "${pod.metadata?.name}" has no container "${name}". Its containers: ${names.join(', ')}.`,
      'unknown_container',
    );
  }
  return name;
}

/**
 * Answers up front what the log endpoint would only answer as a bare 400 (client-node drops the
 * Status message): no previous run, or a container that has not started.
 */
export function assertLogsAvailable(pod: V1Pod, container: string, previous: boolean): void {
  const all = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ];
  const st = all.find((s) => s.name === container);
  if (previous) {
    if (!st?.lastState?.terminated) {
      throw new AppError(
        404,
        `Container "${container}" has no previous run (${st?.restartCount ?? 0} restarts), so there are no previous logs. Show the current logs instead.`,
        'no_previous_logs',
      );
    }
    return;
  }
  if (!st || (st.state?.waiting && !st.lastState?.terminated)) {
    const why = st?.state?.waiting?.reason ?? 'not created yet';
    throw new AppError(
      409,
      `Container "${container}" has not started yet (${why}), so it has no logs.`,
      'not_started',
    );
  }
}

export interface LogPipe {
  stop(): void;
}

/**
 * Streams one container's log through the client-node Log class into `onLines`. The Log class pipes
 * a stream it never gives back; we take it from the 'pipe' event so that aborting does not leave an
 * unhandled 'error' (which would crash the server) and so it can be destroyed.
 */
export async function pipeLog(
  context: string,
  namespace: string,
  pod: string,
  container: string,
  options: LogOptions,
  onLines: (lines: string[]) => void,
  onEnd: (error?: AppError) => void,
): Promise<LogPipe> {
  const splitter = new LineSplitter();
  let src: Readable | undefined;
  let ac: AbortController | undefined;
  let done = false;
  const end = (error?: AppError) => {
    if (done) return;
    done = true;
    ac?.abort();
    src?.destroy();
    onEnd(error);
  };
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      const lines = splitter.push(chunk);
      if (lines.length && !done) onLines(lines);
      cb();
    },
    final(cb) {
      const rest = splitter.flush();
      if (rest.length && !done) onLines(rest);
      cb();
    },
  });
  sink.on('pipe', (s: Readable) => {
    src = s;
    s.on('error', () => end());
  });
  sink.on('finish', () => end());
  try {
    ac = await new Log(kubeConfig(context)).log(namespace, pod, container, sink, options);
  } catch (e) {
    end(toAppError(e, { context, verb: 'get', resource: 'pods/log', namespace, name: pod }));
  }
  if (done) ac?.abort();
  return {
    stop() {
      done = true;
      ac?.abort();
      src?.destroy();
    },
  };
}

export function logOptions(q: LogQuery): LogOptions {
  return { follow: q.follow, previous: q.previous, timestamps: q.timestamps, tailLines: q.tailLines };
}

/** One container's log as SSE; ends with an `end` event that says why (stopped, deleted, done). */
export function podLogStream(
  context: string,
  pod: V1Pod,
  container: string,
  q: LogQuery,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const uid = pod.metadata?.uid;
  return sseStream(signal, (sink) => {
    const stopWatch = new AbortController();
    let pipe: LogPipe | undefined;
    sink.send('status', { kind: 'info', message: `Logs of container ${container} in pod ${name}.` });
    const finish = async (error?: AppError) => {
      if (sink.closed) return;
      if (error) sink.send('error', { message: error.message });
      else if (!q.follow) sink.send('end', { message: 'End of log.' });
      else {
        const gone = await readPod(context, namespace, name).then(
          (p) => p.metadata?.uid !== uid,
          () => true,
        );
        sink.send('end', {
          message: gone ? `Pod ${name} was deleted.` : `Container ${container} stopped; its log ended.`,
        });
      }
      sink.close();
    };
    void pipeLog(
      context,
      namespace,
      name,
      container,
      logOptions(q),
      (lines) => sink.send('lines', { lines }),
      finish,
    ).then((p) => {
      pipe = p;
      if (sink.closed) p.stop();
    });
    if (q.follow) {
      // Some log sources (KWOK, a lost kubelet) keep the stream open after the pod is gone.
      watchPods({
        context,
        namespace,
        fieldSelector: `metadata.name=${name}`,
        signal: stopWatch.signal,
        onError: () => undefined,
        onEvent: (type, p) => {
          if (p.metadata?.uid !== uid || (type !== 'DELETED' && !p.metadata?.deletionTimestamp)) return;
          if (type === 'DELETED') {
            sink.send('end', { message: `Pod ${name} was deleted.` });
            sink.close();
          }
        },
      });
    }
    return () => {
      stopWatch.abort();
      pipe?.stop();
    };
  });
}
