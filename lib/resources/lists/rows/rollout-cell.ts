import type { V1DaemonSet, V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import {
  daemonSetRolloutStatus,
  deploymentRolloutStatus,
  type RolloutStatus,
  statefulSetRolloutStatus,
} from '../../workloads/rollout-status';
import type { Tone } from './types';

/**
 * The Rollout column of the Deployments, StatefulSets and DaemonSets lists, from the same rollout
 * status as the workload page (kubectl rollout status semantics), so a list never shows a green
 * row for a rollout stuck past its deadline. Lists see no pods: a rollout stuck because its new pods
 * fail shows as progressing here and as stuck on the workload page, which sees them.
 */
export function rolloutCell(
  status: RolloutStatus,
  paused: boolean,
  readyTone: Tone,
): { text: string; tone: Tone } {
  if (status.state === 'stuck') return { text: `Stuck: ${status.reason ?? status.message}`, tone: 'bad' };
  if (paused || status.state === 'paused') return { text: 'Paused', tone: 'warn' };
  if (status.state === 'complete') return { text: 'Complete', tone: readyTone };
  if (status.state === 'progressing')
    return { text: `Progressing: ${status.updated} of ${status.desired} updated`, tone: 'warn' };
  if (status.state === 'pending') return { text: 'Pending', tone: 'neutral' };
  return { text: 'Not tracked (OnDelete)', tone: readyTone };
}

export const deploymentRollout = (d: V1Deployment) => deploymentRolloutStatus(d);
export const statefulSetRollout = (s: V1StatefulSet) => statefulSetRolloutStatus(s);
export const daemonSetRollout = (d: V1DaemonSet) => daemonSetRolloutStatus(d);
