import { scopePath } from '../params';

/**
 * Where the detail page of an object lives. PURE. Kinds follow the URL scheme
 * /c/<context>/<namespace>/<plural>/<name>; pages for some kinds are built by other issues.
 */
const PLURALS: Record<string, string> = {
  Pod: 'pods',
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  ReplicaSet: 'replicasets',
  Job: 'jobs',
  CronJob: 'cronjobs',
  Service: 'services',
  Ingress: 'ingresses',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
};

export function objectPath(context: string, namespace: string, kind: string, name: string): string {
  const plural = PLURALS[kind] ?? `${kind.toLowerCase()}s`;
  return scopePath(context, namespace, `${plural}/${encodeURIComponent(name)}`);
}
