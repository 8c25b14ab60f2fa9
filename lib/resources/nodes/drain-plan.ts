import type { V1DaemonSet, V1LabelSelector, V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';
import { matchesSelector } from '../../live/selector';

/**
 * What `kubectl drain` decides for each pod of a node (k8s.io/kubectl/pkg/drain, filters.go), as a
 * pure function shared by the plan the browser shows and the drain the server runs. The facts of a
 * pod (who controls it, what volumes it has) are gathered once; the options (the flags) are applied
 * separately so the browser can toggle them without asking the server again.
 */

export interface DrainOptions {
  /** --ignore-daemonsets */
  ignoreDaemonSets: boolean;
  /** --delete-emptydir-data */
  deleteEmptyDirData: boolean;
  /** --force */
  force: boolean;
}

export const DEFAULT_DRAIN_OPTIONS: DrainOptions = {
  ignoreDaemonSets: false,
  deleteEmptyDirData: false,
  force: false,
};

export interface DrainPodFacts {
  namespace: string;
  name: string;
  phase: string;
  /** "Kind/name" of the controller, or null when the pod declares none. */
  controller: string | null;
  /** DaemonSet controller: whether that DaemonSet still exists (kubectl reads it). */
  daemonSet: 'no' | 'exists' | 'missing';
  mirror: boolean;
  localStorage: boolean;
  deleting: boolean;
  /** Names of the PodDisruptionBudgets of its namespace whose selector matches it. */
  budgets: string[];
}

export interface BudgetFacts {
  namespace: string;
  name: string;
  disruptionsAllowed: number;
}

export type DrainAction = 'evict' | 'skip' | 'refuse';

export interface DrainDecision extends DrainPodFacts {
  action: DrainAction;
  /** kubectl's warning (evict, skip) or fatal reason (refuse), as it prints it. */
  message: string | null;
  /** For an eviction the API server will refuse today: the budget's name and why. */
  blockedBy: { budget: string; message: string } | null;
}

export interface DrainPlan {
  pods: DrainDecision[];
  /** kubectl's refusals, one line per reason: "cannot delete <reason>: ns/a, ns/b". */
  errors: string[];
  /** kubectl's warnings, one line per message: "<message>: ns/a, ns/b". */
  warnings: string[];
  evict: number;
  blocked: number;
}

// The sentences of kubectl's filters.go, verbatim, so the plan reads as `kubectl drain` prints it.
export const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const UNMANAGED_FATAL = 'Pods that declare no controller (use --force to override)';
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_SKIP = 'mirror pod (managed by its kubelet; the API server cannot delete it)';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

function finished(phase: string): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The facts kubectl's filters read, from a pod and the cached DaemonSets and budgets of the cluster. */
export function podFacts(
  pod: V1Pod,
  daemonSets: ReadonlySet<string>,
  budgets: readonly V1PodDisruptionBudget[],
): DrainPodFacts {
  const ns = pod.metadata?.namespace ?? '';
  const ref = pod.metadata?.ownerReferences?.find((o) => o.controller === true);
  const isDs = ref?.kind === 'DaemonSet' && ref.apiVersion === 'apps/v1';
  return {
    namespace: ns,
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    controller: ref ? `${ref.kind}/${ref.name}` : null,
    daemonSet: isDs ? (daemonSets.has(`${ns}/${ref.name}`) ? 'exists' : 'missing') : 'no',
    mirror: Object.hasOwn(pod.metadata?.annotations ?? {}, MIRROR_ANNOTATION),
    localStorage: (pod.spec?.volumes ?? []).some((v) => v.emptyDir != null),
    deleting: pod.metadata?.deletionTimestamp != null,
    budgets: budgets
      .filter((b) => b.metadata?.namespace === ns && budgetSelects(b.spec?.selector, pod.metadata?.labels))
      .map((b) => b.metadata?.name ?? '')
      .sort(),
  };
}

/** policy/v1: an empty selector selects every pod of the namespace, a missing one none. */
function budgetSelects(
  sel: V1LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!sel) return false;
  if (!sel.matchLabels && !sel.matchExpressions?.length) return true;
  if (Object.keys(sel.matchLabels ?? {}).length === 0 && !sel.matchExpressions?.length) return true;
  return matchesSelector(sel, labels);
}

export function budgetFacts(b: V1PodDisruptionBudget): BudgetFacts {
  return {
    namespace: b.metadata?.namespace ?? '',
    name: b.metadata?.name ?? '',
    disruptionsAllowed: b.status?.disruptionsAllowed ?? 0,
  };
}

export function daemonSetKeys(list: readonly V1DaemonSet[]): Set<string> {
  return new Set(list.map((d) => `${d.metadata?.namespace}/${d.metadata?.name}`));
}

type Verdict = { action: DrainAction; message: string | null };

/** kubectl's filters in its order (daemonSet, mirror, localStorage, unreplicated), stopping at the first that keeps the pod. */
export function decide(p: DrainPodFacts, o: DrainOptions): Verdict {
  let warning: string | null = null;
  const done = finished(p.phase);
  if (p.daemonSet !== 'no' && !done) {
    if (p.daemonSet === 'missing') {
      if (!o.force)
        return { action: 'refuse', message: `daemonsets.apps "${p.controller?.split('/')[1]}" not found` };
      warning = `daemonsets.apps "${p.controller?.split('/')[1]}" not found`;
    } else if (!o.ignoreDaemonSets) {
      return { action: 'refuse', message: DAEMONSET_FATAL };
    } else {
      return { action: 'skip', message: DAEMONSET_WARNING };
    }
  }
  if (p.mirror) return { action: 'skip', message: MIRROR_SKIP };
  if (p.localStorage && !done) {
    if (!o.deleteEmptyDirData) return { action: 'refuse', message: LOCAL_STORAGE_FATAL };
    warning = LOCAL_STORAGE_WARNING;
  }
  if (!done && p.controller === null) {
    if (!o.force) return { action: 'refuse', message: UNMANAGED_FATAL };
    warning = UNMANAGED_WARNING;
  }
  return { action: 'evict', message: warning };
}

function grouped(items: DrainDecision[], prefix: string): string[] {
  const by = new Map<string, string[]>();
  for (const d of items) {
    if (!d.message) continue;
    by.set(d.message, [...(by.get(d.message) ?? []), `${d.namespace}/${d.name}`]);
  }
  return [...by].map(([m, pods]) => `${prefix}${m}: ${pods.join(', ')}`);
}

/**
 * The plan: each pod's decision, and, for evictions, whether a budget will refuse it now. The API
 * server lets through evictions of pods that are finished, pending or already deleting whatever the
 * budget; the others spend the budget's disruptionsAllowed in order, and the rest are blocked until
 * its status allows more (kubectl retries them every 5 seconds).
 */
export function drainPlan(
  pods: readonly DrainPodFacts[],
  budgets: readonly BudgetFacts[],
  o: DrainOptions,
): DrainPlan {
  const left = new Map(budgets.map((b) => [`${b.namespace}/${b.name}`, b.disruptionsAllowed]));
  const sorted = [...pods].sort(
    (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
  const out: DrainDecision[] = sorted.map((p) => {
    const v = decide(p, o);
    let blockedBy: DrainDecision['blockedBy'] = null;
    const exempt = finished(p.phase) || p.phase === 'Pending' || p.deleting;
    if (v.action === 'evict' && !exempt && p.budgets.length > 1) {
      blockedBy = {
        budget: p.budgets.join(', '),
        message:
          'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      };
    } else if (v.action === 'evict' && !exempt && p.budgets.length === 1) {
      const key = `${p.namespace}/${p.budgets[0]}`;
      const n = left.get(key) ?? 0;
      if (n > 0) left.set(key, n - 1);
      else
        blockedBy = {
          budget: p.budgets[0] ?? '',
          message: `PodDisruptionBudget "${p.budgets[0]}" allows no more disruptions now.`,
        };
    }
    return { ...p, ...v, blockedBy };
  });
  const refused = out.filter((d) => d.action === 'refuse');
  return {
    pods: out,
    errors: grouped(refused, 'cannot delete '),
    // kubectl skips mirror pods silently; the plan still says why they stay.
    warnings: grouped(
      out.filter((d) => d.action !== 'refuse' && d.message !== MIRROR_SKIP),
      '',
    ),
    evict: out.filter((d) => d.action === 'evict').length,
    blocked: out.filter((d) => d.blockedBy !== null).length,
  };
}
