import type { V1Pod } from '@kubernetes/client-node';

/** Resource quantities for the bin-packing view. PURE. */

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** "250m" -> 0.25, "1Gi" -> 1073741824, "1e3" -> 1000; NaN for what is not a quantity. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return Number.NaN;
  const mult = SUFFIX[m[2] ?? ''];
  return mult === undefined ? Number.NaN : Number(m[1]) * mult;
}

export interface Resources {
  cpu: number;
  memory: number;
}

function req(r: Record<string, string> | undefined): Resources {
  return { cpu: parseQuantity(r?.cpu) || 0, memory: parseQuantity(r?.memory) || 0 };
}

/**
 * What the scheduler reserves for a pod: the larger of the running containers (with sidecars) and
 * the largest init container, plus the pod overhead.
 */
export function podRequests(pod: V1Pod): Resources {
  const spec = pod.spec;
  const sidecars = (spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  const inits = (spec?.initContainers ?? []).filter((c) => c.restartPolicy !== 'Always');
  const sum = (list: { resources?: { requests?: Record<string, string> } }[]) =>
    list.reduce(
      (a, c) => {
        const r = req(c.resources?.requests);
        return { cpu: a.cpu + r.cpu, memory: a.memory + r.memory };
      },
      { cpu: 0, memory: 0 },
    );
  const running = sum([...(spec?.containers ?? []), ...sidecars]);
  const sidecarSum = sum(sidecars);
  const init = inits.reduce(
    (a, c) => {
      const r = req(c.resources?.requests);
      return {
        cpu: Math.max(a.cpu, r.cpu + sidecarSum.cpu),
        memory: Math.max(a.memory, r.memory + sidecarSum.memory),
      };
    },
    { cpu: 0, memory: 0 },
  );
  const overhead = req(spec?.overhead);
  return {
    cpu: Math.max(running.cpu, init.cpu) + overhead.cpu,
    memory: Math.max(running.memory, init.memory) + overhead.memory,
  };
}

export function formatCpu(cores: number): string {
  if (!Number.isFinite(cores)) return '—';
  if (cores === 0) return '0';
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return `${Number(cores.toFixed(2))}`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number(v.toFixed(v < 10 && i > 0 ? 1 : 0))} ${units[i]}`;
}

export function percent(part: number, whole: number): number | null {
  return whole > 0 && Number.isFinite(part) ? Math.round((part / whole) * 100) : null;
}
