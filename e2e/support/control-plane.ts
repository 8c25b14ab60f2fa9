/**
 * Destructive control of the test cluster (stop/start, etcd compaction). Only for the recovery
 * tests, which run against a cluster of their own (e2e/recovery.sh), never the shared one.
 */
import { execFileSync } from 'node:child_process';
import { core, waitFor } from './kube';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run through e2e/recovery.sh`);
  return v;
}

function kwokctl(...args: string[]): void {
  const bin = env('WHEELHOUSE_BIN');
  execFileSync(`${bin}/kwokctl`, ['--name', env('WHEELHOUSE_CLUSTER_NAME'), ...args], {
    stdio: 'ignore',
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      KWOK_WORKDIR: `${env('WHEELHOUSE_CLUSTER_DIR')}/kwok`,
      KWOK_KUBE_BINARY_PREFIX: bin,
      KWOK_ETCD_BINARY: `${bin}/etcd`,
      KWOK_CONTROLLER_BINARY: `${bin}/kwok`,
      KWOK_KUBECTL_BINARY: `${bin}/kubectl`,
    },
  });
}

export function stopControlPlane(): void {
  kwokctl('stop', 'cluster');
}

/** Starts it again and resolves when the API server answers requests; returns that moment. */
export async function startControlPlane(): Promise<number> {
  kwokctl('start', 'cluster');
  await waitFor('the API server to be ready', async () => (await core().listNamespace({ limit: 1 })).items, {
    timeoutMs: 60_000,
    intervalMs: 100,
  });
  return Date.now();
}

async function etcd(path: string, body: unknown): Promise<{ header?: { revision?: string } }> {
  const res = await fetch(`${env('WHEELHOUSE_ETCD_ENDPOINT')}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`etcd ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { header?: { revision?: string } };
}

/** Compacts etcd at its current revision: every older resourceVersion is gone (410 on watch). */
export async function compactEtcd(): Promise<string> {
  const r = await etcd('/v3/kv/range', { key: Buffer.from('/registry/').toString('base64'), limit: 1 });
  const revision = r.header?.revision;
  if (!revision) throw new Error('etcd did not report a revision');
  await etcd('/v3/kv/compaction', { revision, physical: true });
  return revision;
}
