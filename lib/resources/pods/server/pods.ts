import 'server-only';
import { CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';

/** One pod, read on demand (logs); pages show pods from the watch cache (lib/live/views/pod.ts). */
export async function readPod(context: string, namespace: string, name: string): Promise<V1Pod> {
  try {
    return await apiClient(context, CoreV1Api).readNamespacedPod({ namespace, name });
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: 'pod', namespace, name });
  }
}
