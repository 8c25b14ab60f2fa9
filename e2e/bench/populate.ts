/** Fills the bench cluster: namespaces, Deployments (0 replicas) and bare pods bound to fake nodes. */
import { apps, core } from '../support/kube';

async function pool<T>(items: T[], concurrency: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      for (let attempt = 0; ; attempt++) {
        try {
          await fn(item);
          break;
        } catch (e) {
          const code = (e as { code?: number }).code;
          if (code === 409) break; // already there from an earlier run
          if (attempt >= 5) throw e;
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const tolerations = [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }];

export async function populate(opts: {
  namespaces: number;
  deployments: number;
  pods: number;
}): Promise<void> {
  const nodes = (await core().listNode()).items.map((n) => n.metadata?.name ?? '');
  const nss = Array.from({ length: opts.namespaces }, (_, i) => `bench-${i}`);
  await pool(nss, 20, (name) => core().createNamespace({ body: { metadata: { name } } }));
  const deps = Array.from({ length: opts.deployments }, (_, i) => i);
  await pool(deps, 40, (i) => {
    const namespace = nss[i % nss.length] ?? 'bench-0';
    const name = `app-${i}`;
    return apps().createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: { containers: [{ name: 'main', image: 'nginx:1.27' }], tolerations },
          },
        },
      },
    });
  });
  const pods = Array.from({ length: opts.pods }, (_, i) => i);
  const t0 = Date.now();
  await pool(pods, 60, (i) =>
    core().createNamespacedPod({
      namespace: nss[i % nss.length] ?? 'bench-0',
      body: {
        metadata: {
          name: `pod-${String(i).padStart(6, '0')}`,
          labels: { app: `app-${i % opts.deployments}` },
        },
        // Bound directly: the scheduler's rate limit would make 10,000 pods take minutes.
        spec: {
          nodeName: nodes[i % nodes.length],
          containers: [{ name: 'main', image: 'nginx:1.27' }],
          tolerations,
        },
      },
    }),
  );
  console.error(`[bench] ${opts.pods} pods created in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
