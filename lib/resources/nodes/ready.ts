import type { V1Node } from '@kubernetes/client-node';

export type NodeReady = 'True' | 'False' | 'Unknown';

/** The node's Ready condition; anything but True or False (missing, or an odd value) is Unknown. */
export function nodeReadyOf(n: V1Node): NodeReady {
  const s = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return s === 'True' || s === 'False' ? s : 'Unknown';
}
