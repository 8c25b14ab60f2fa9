import type { V1Container, V1ObjectMeta, V1Pod, V1PodSpec, V1Service } from '@kubernetes/client-node';
import { matchesSelector } from '../../live/selector';
import { DATABASE_PORTS, databaseOfImage } from './databases';

export { DATABASE_PORTS, databaseOfImage };

/**
 * Exposure warnings: things in a namespace that make a breach likely or worse. PURE (no cluster
 * access), so the same rules run in unit tests, on Service and pod pages and on an overview.
 * Each rule must stay silent on a well-configured object: a panel that always warns is ignored.
 */

export type Severity = 'critical' | 'high' | 'medium';

export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
  container?: string;
}

export interface ExposureWarning {
  /** Stable across renders: rule + object (+ container), for React keys and de-duplication. */
  id: string;
  rule: ExposureRule;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  ref: ObjectRef;
}

export type ExposureRule =
  | 'exposed-database-port'
  | 'exposed-database-pods'
  | 'secret-in-env'
  | 'privileged'
  | 'runs-as-root'
  | 'host-network'
  | 'host-namespace'
  | 'host-path';

function refOf(kind: string, meta: V1ObjectMeta | undefined, container?: string): ObjectRef {
  const ref: ObjectRef = { kind, namespace: meta?.namespace ?? '', name: meta?.name ?? '' };
  if (container) ref.container = container;
  return ref;
}

function warning(
  rule: ExposureRule,
  ref: ObjectRef,
  w: Omit<ExposureWarning, 'id' | 'rule' | 'ref'>,
): ExposureWarning {
  const id = [rule, ref.kind, ref.namespace, ref.name, ref.container ?? ''].join('/');
  return { id, rule, ref, ...w };
}

/** How a Service can be reached from outside the cluster, or undefined if it cannot. */
export function externalReach(svc: V1Service): string | undefined {
  const spec = svc.spec;
  const how: string[] = [];
  if (spec?.type === 'LoadBalancer') how.push('a load balancer');
  else if (spec?.type === 'NodePort') how.push('a port on every node');
  if ((spec?.externalIPs ?? []).length > 0) how.push(`external IPs (${spec?.externalIPs?.join(', ')})`);
  return how.length ? how.join(' and ') : undefined;
}

/** True when every key of a non-empty selector equals the pod's label. */
export function selectsPod(selector: Record<string, string> | undefined, pod: V1Pod): boolean {
  return matchesSelector({ matchLabels: selector ?? {} }, pod.metadata?.labels);
}

/**
 * Warnings for one Service. `pods` may be every pod of the namespace: only those the selector
 * picks are looked at.
 */
export function serviceWarnings(svc: V1Service, pods: V1Pod[] = []): ExposureWarning[] {
  const reach = externalReach(svc);
  if (!reach) return [];
  const ref = refOf('Service', svc.metadata);
  const severity: Severity =
    svc.spec?.type === 'LoadBalancer' && (svc.spec.loadBalancerSourceRanges ?? []).length === 0
      ? 'critical'
      : 'high';
  const out: ExposureWarning[] = [];
  const ports = new Map<number, string>();
  for (const p of svc.spec?.ports ?? []) {
    for (const n of [p.port, typeof p.targetPort === 'number' ? p.targetPort : undefined]) {
      const product = n === undefined ? undefined : DATABASE_PORTS.get(n);
      if (n !== undefined && product) ports.set(n, product);
    }
  }
  const fix =
    'Make the Service type ClusterIP and remove externalIPs so only workloads inside the cluster reach it; if people outside must connect, use a VPN, a bastion or `kubectl port-forward`, and at the very least set loadBalancerSourceRanges and a NetworkPolicy.';
  if (ports.size > 0) {
    const list = [...ports].map(([n, product]) => `${n} (${product})`).join(', ');
    out.push(
      warning('exposed-database-port', ref, {
        severity,
        title: `Database port exposed outside the cluster: ${list}`,
        why: `This Service is reachable through ${reach}. Databases and caches are scanned for and attacked within minutes of appearing on a network; many ship without authentication (Redis, Memcached, Elasticsearch) or are brute-forced.`,
        fix,
      }),
    );
  }
  const selector = svc.spec?.selector;
  const products = new Set<string>();
  for (const pod of pods) {
    if (pod.metadata?.namespace !== svc.metadata?.namespace || !selectsPod(selector, pod)) continue;
    for (const c of pod.spec?.containers ?? []) {
      const product = databaseOfImage(c.image);
      if (product) products.add(product);
    }
  }
  if (products.size > 0) {
    out.push(
      warning('exposed-database-pods', ref, {
        severity,
        title: `Exposes pods running ${[...products].sort().join(', ')} outside the cluster`,
        why: `The pods behind this Service run a database or cache image, and the Service is reachable through ${reach}, whatever port numbers it uses.`,
        fix,
      }),
    );
  }
  return out;
}

function containersOf(spec: V1PodSpec): V1Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

function secretEnvSources(c: V1Container): string[] {
  const out: string[] = [];
  for (const e of c.env ?? []) {
    const r = e.valueFrom?.secretKeyRef;
    if (r) out.push(`${e.name} ← ${r.name ?? '?'}[${r.key}]`);
  }
  for (const e of c.envFrom ?? []) {
    if (e.secretRef)
      out.push(`all keys of ${e.secretRef.name ?? '?'}${e.prefix ? ` (prefix ${e.prefix})` : ''}`);
  }
  return out;
}

const DANGEROUS_HOST_PATHS =
  /^\/(?:$|proc|sys|etc|root|var\/run\/docker\.sock|run\/containerd|var\/lib\/kubelet)/;

/**
 * Warnings for a pod spec: a pod, or the template of a workload (then `kind` is e.g. Deployment,
 * so an overview shows one warning per workload instead of one per replica).
 */
export function podSpecWarnings(
  kind: string,
  meta: V1ObjectMeta | undefined,
  spec: V1PodSpec,
): ExposureWarning[] {
  const out: ExposureWarning[] = [];
  const podRef = refOf(kind, meta);
  if (spec.hostNetwork) {
    out.push(
      warning('host-network', podRef, {
        severity: 'high',
        title: 'Uses the node’s network (hostNetwork)',
        why: 'The pod shares the node’s network stack: it can reach services bound to localhost on the node, sniff node traffic and bypasses NetworkPolicies.',
        fix: 'Remove `hostNetwork: true`; expose the port with a Service instead.',
      }),
    );
  }
  const hostNs = (['hostPID', 'hostIPC'] as const).filter((k) => spec[k]);
  if (hostNs.length) {
    out.push(
      warning('host-namespace', podRef, {
        severity: 'high',
        title: `Shares the node’s ${hostNs.map((k) => (k === 'hostPID' ? 'processes' : 'IPC')).join(' and ')} (${hostNs.join(', ')})`,
        why: 'The pod can see, signal or read the memory of other workloads on the node.',
        fix: `Remove ${hostNs.map((k) => `\`${k}: true\``).join(' and ')}.`,
      }),
    );
  }
  const hostPaths = (spec.volumes ?? []).filter((v) => v.hostPath);
  if (hostPaths.length) {
    const paths = hostPaths.map((v) => v.hostPath?.path ?? '');
    out.push(
      warning('host-path', podRef, {
        severity: paths.some((p) => DANGEROUS_HOST_PATHS.test(p)) ? 'critical' : 'high',
        title: `Mounts the node’s filesystem (hostPath ${paths.join(', ')})`,
        why: 'A hostPath volume gives the container files of the node itself; a compromised container can read other pods’ data or credentials and often take over the node.',
        fix: 'Use a PersistentVolumeClaim, a ConfigMap or an emptyDir instead; if a node agent truly needs it, mount it readOnly and as narrow a path as possible.',
      }),
    );
  }
  const podSc = spec.securityContext;
  for (const c of containersOf(spec)) {
    const ref = refOf(kind, meta, c.name);
    const sc = c.securityContext;
    if (sc?.privileged) {
      out.push(
        warning('privileged', ref, {
          severity: 'critical',
          title: `Container ${c.name} is privileged`,
          why: 'A privileged container has every capability and all host devices: escaping to the node is trivial.',
          fix: 'Remove `privileged: true`; add only the specific capability needed (securityContext.capabilities.add).',
        }),
      );
    }
    const runAsUser = sc?.runAsUser ?? podSc?.runAsUser;
    const runAsNonRoot = sc?.runAsNonRoot ?? podSc?.runAsNonRoot;
    if (runAsUser === 0 || (runAsUser === undefined && runAsNonRoot !== true)) {
      out.push(
        warning('runs-as-root', ref, {
          // An explicit root user is a decision to fix; a missing runAsNonRoot is a default to tighten.
          severity: runAsUser === 0 ? 'high' : 'medium',
          title:
            runAsUser === 0
              ? `Container ${c.name} runs as root (runAsUser: 0)`
              : `Container ${c.name} may run as root (no runAsNonRoot)`,
          why: 'A process running as root inside the container is one kernel or runtime bug away from root on the node, and can write anywhere in its filesystem.',
          fix: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser (and use an image built to run as a normal user).',
        }),
      );
    }
    const secrets = secretEnvSources(c);
    if (secrets.length) {
      out.push(
        warning('secret-in-env', ref, {
          severity: 'medium',
          title: `Container ${c.name} gets Secrets as environment variables: ${secrets.join('; ')}`,
          why: 'Environment variables leak: into crash reports, debug endpoints, child processes, `/proc/<pid>/environ` and logs that print the environment. They also never update when the Secret changes.',
          fix: 'Mount the Secret as a read-only volume and read the file instead (secret volume, defaultMode 0400).',
        }),
      );
    }
  }
  return out;
}

export function podWarnings(pod: V1Pod): ExposureWarning[] {
  return pod.spec ? podSpecWarnings('Pod', pod.metadata, pod.spec) : [];
}

const ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2 };

/** Most severe first, then by object; drops duplicates by id. */
export function sortWarnings(ws: ExposureWarning[]): ExposureWarning[] {
  const seen = new Set<string>();
  return ws
    .filter((w) => {
      if (seen.has(w.id)) return false;
      seen.add(w.id);
      return true;
    })
    .sort(
      (a, b) =>
        ORDER[a.severity] - ORDER[b.severity] ||
        a.ref.namespace.localeCompare(b.ref.namespace) ||
        a.ref.name.localeCompare(b.ref.name) ||
        a.id.localeCompare(b.id),
    );
}

export interface Workload {
  kind: string;
  metadata?: V1ObjectMeta;
  spec?: V1PodSpec;
}

/**
 * Every warning of a namespace, for an overview: pods owned by a controller are judged through
 * their workload's template (one warning per Deployment, not per replica); bare pods on their own.
 */
export function namespaceWarnings(input: {
  services: V1Service[];
  pods: V1Pod[];
  workloads: Workload[];
}): ExposureWarning[] {
  const out: ExposureWarning[] = [];
  for (const svc of input.services) out.push(...serviceWarnings(svc, input.pods));
  for (const w of input.workloads) if (w.spec) out.push(...podSpecWarnings(w.kind, w.metadata, w.spec));
  for (const pod of input.pods) {
    if (!(pod.metadata?.ownerReferences ?? []).some((o) => o.controller)) out.push(...podWarnings(pod));
  }
  return sortWarnings(out);
}
