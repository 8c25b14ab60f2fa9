/**
 * Test-side access to the local cluster, as the admin (e2e/cluster writes $KUBECONFIG). Tests use
 * this to arrange state and to read the truth the dashboard is checked against.
 */
import { randomBytes } from 'node:crypto';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  type V1Deployment,
} from '@kubernetes/client-node';

let kc: KubeConfig | undefined;

export function adminConfig(): KubeConfig {
  if (!kc) {
    if (!process.env.KUBECONFIG) throw new Error('KUBECONFIG is not set: run through `npm test`.');
    kc = new KubeConfig();
    kc.loadFromFile(process.env.KUBECONFIG);
  }
  return kc;
}

export const core = () => adminConfig().makeApiClient(CoreV1Api);
export const apps = () => adminConfig().makeApiClient(AppsV1Api);

/** The context name the dashboard under test knows the admin by (see e2e/lib/test-kubeconfig.sh). */
export const ADMIN_CONTEXT = 'admin';

/** A ServiceAccount with `edit` in one namespace only, and a token for it (an hour). */
export async function editorServiceAccountToken(namespace: string): Promise<string> {
  await core().createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'editor' } } });
  await adminConfig()
    .makeApiClient(RbacAuthorizationV1Api)
    .createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: 'editor' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
        subjects: [{ kind: 'ServiceAccount', name: 'editor', namespace }],
      },
    });
  const tr = await core().createNamespacedServiceAccountToken({
    namespace,
    name: 'editor',
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  return tr.status?.token ?? '';
}

/** Each test file gets its own namespace so files can run in parallel. */
export async function createNamespace(prefix: string): Promise<string> {
  const name = `wh-${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
  await core().createNamespace({ body: { metadata: { name, labels: { 'wheelhouse.dev/test': 'true' } } } });
  return name;
}

export async function deleteNamespace(name: string): Promise<void> {
  await core()
    .deleteNamespace({ name })
    .catch(() => undefined);
}

/** Polls `check` until it returns a value, or fails with what it was waiting for. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  { timeoutMs = 60_000, intervalMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
  );
}

/** A Deployment whose pods schedule onto the KWOK fake nodes. */
export function deployment(
  namespace: string,
  name: string,
  opts: { replicas?: number; image?: string; images?: string[]; labels?: Record<string, string> } = {},
): V1Deployment {
  const images = opts.images ?? [opts.image ?? 'nginx:1.27'];
  return {
    metadata: { name, namespace },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...opts.labels } },
        spec: {
          containers: images.map((image, i) => ({ name: i === 0 ? 'main' : `side-${i}`, image })),
          tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
        },
      },
    },
  };
}

/**
 * The controller's own kind of write: the status subresource. It moves the resourceVersion on every
 * call and never the generation, as the deployment controller does every few seconds mid-rollout.
 */
export function writeDeploymentStatus(
  namespace: string,
  name: string,
  message: string,
): Promise<V1Deployment> {
  return apps().patchNamespacedDeploymentStatus({
    namespace,
    name,
    body: [
      {
        op: 'add',
        path: '/status/conditions/-',
        value: { type: 'WheelhouseTest', status: 'True', reason: 'StatusWrite', message },
      },
    ],
  });
}

export async function waitForDeploymentReady(
  namespace: string,
  name: string,
  timeoutMs = 60_000,
): Promise<V1Deployment> {
  return waitFor(
    `Deployment ${namespace}/${name} to be ready`,
    async () => {
      const d = await apps().readNamespacedDeployment({ namespace, name });
      const want = d.spec?.replicas ?? 1;
      const s = d.status;
      return s?.observedGeneration === d.metadata?.generation &&
        (s?.readyReplicas ?? 0) === want &&
        (s?.updatedReplicas ?? 0) === want &&
        (s?.availableReplicas ?? 0) === want
        ? d
        : undefined;
    },
    { timeoutMs },
  );
}
