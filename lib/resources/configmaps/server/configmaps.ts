import 'server-only';
import { CoreV1Api } from '@kubernetes/client-node';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { type UsedBy, usedBy } from '../../objects/usage';
import { scanPodSpecs } from '../../pods/server/specs';

export interface ConfigMapEntry {
  key: string;
  value: string;
  bytes: number;
  lines: number;
  /** Shown collapsed so one big file does not push everything else off the page. */
  large: boolean;
}

export interface ConfigMapDetail {
  name: string;
  namespace: string;
  immutable: boolean;
  labels: Record<string, string>;
  data: ConfigMapEntry[];
  binary: { key: string; bytes: number }[];
  usedBy: UsedBy[];
  gaps: string[];
}

const LARGE_BYTES = 1024;
const LARGE_LINES = 20;

export async function getConfigMap(
  context: string,
  namespace: string,
  name: string,
): Promise<ConfigMapDetail> {
  try {
    const [cm, scan] = await Promise.all([
      apiClient(context, CoreV1Api).readNamespacedConfigMap({ name, namespace }),
      scanPodSpecs(context, namespace),
    ]);
    const data = Object.entries(cm.data ?? {})
      .map(([key, value]) => {
        const bytes = new TextEncoder().encode(value).length;
        const lines = value.split('\n').length;
        return { key, value, bytes, lines, large: bytes > LARGE_BYTES || lines > LARGE_LINES };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
    const binary = Object.entries(cm.binaryData ?? {})
      .map(([key, b64]) => ({ key, bytes: Buffer.from(b64, 'base64').length }))
      .sort((a, b) => a.key.localeCompare(b.key));
    return {
      name,
      namespace,
      immutable: cm.immutable === true,
      labels: cm.metadata?.labels ?? {},
      data,
      binary,
      usedBy: usedBy(scan.holders, 'ConfigMap', name, namespace),
      gaps: scan.gaps,
    };
  } catch (e) {
    throw toAppError(e, { context, verb: 'get', resource: 'ConfigMap', namespace, name });
  }
}
