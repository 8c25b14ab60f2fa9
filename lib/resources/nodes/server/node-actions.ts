import 'server-only';
import {
  AppsV1Api,
  CoreV1Api,
  PatchStrategy,
  PolicyV1Api,
  setHeaderOptions,
  type V1Pod,
} from '@kubernetes/client-node';
import { AppError } from '../../../errors';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { whoAmI } from '../../../kube/identity';
import { recordAudit } from '../../audit/server/record';
import { budgetFacts, type DrainOptions, type DrainPlan, drainPlan, podFacts } from '../drain-plan';

/**
 * Cordon, uncordon and drain, with the user's credentials, as `kubectl cordon|uncordon|drain` do
 * them: drain cordons first, lists the node's pods itself, refuses when its filters refuse any pod,
 * then evicts through the Eviction API (policy/v1, pods/eviction), retrying every 5 seconds a pod
 * whose budget says no (429) until the timeout. Each pod's outcome is reported on its own.
 */

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const NODE_TARGET = { apiVersion: 'v1', kind: 'Node' };

export interface NodeActionResult {
  message: string;
}

export type EvictionOutcome = 'evicted' | 'gone' | 'blocked' | 'failed';

export interface EvictionResult {
  namespace: string;
  name: string;
  outcome: EvictionOutcome;
  /** For `blocked`: the PodDisruptionBudget that refused it, as the API server named it. */
  budget: string | null;
  message: string;
  attempts: number;
}

export interface DrainResult {
  message: string;
  /** kubectl's warnings (pods with local storage deleted, DaemonSet pods ignored…). */
  warnings: string[];
  pods: EvictionResult[];
}

export interface DrainInput {
  options: DrainOptions;
  /** kubectl's --timeout; here bounded, so that a blocked budget cannot hold a request forever. */
  timeoutSeconds: number;
  reason?: string;
}

const settings = { retryDelayMs: 5_000 };

/** For tests: kubectl's EvictErrorRetryDelay is 5 s. */
export function configureDrain(s: Partial<typeof settings>): void {
  Object.assign(settings, s);
}

async function audited<T extends { message: string }>(
  context: string,
  verb: string,
  node: string,
  reason: string | undefined,
  run: () => Promise<T>,
): Promise<T> {
  const who = await whoAmI(context);
  const base = {
    user: who.username,
    context,
    verb,
    resource: 'nodes',
    name: node,
    ...(reason ? { reason } : {}),
  };
  try {
    const r = await run();
    recordAudit({ ...base, result: 'success', message: r.message }, NODE_TARGET);
    return r;
  } catch (e) {
    const err = toAppError(e, { context, verb: 'patch', resource: 'nodes', name: node });
    recordAudit({ ...base, result: 'failure', message: err.message }, NODE_TARGET);
    throw err;
  }
}

/** Returns whether the node changed (kubectl: "node/x already cordoned" otherwise). */
async function setUnschedulable(context: string, node: string, unschedulable: boolean): Promise<boolean> {
  const core = apiClient(context, CoreV1Api);
  const n = await core.readNode({ name: node });
  if ((n.spec?.unschedulable === true) === unschedulable) return false;
  // kubectl sends null, not false, to uncordon: the field goes away.
  await core.patchNode(
    { name: node, body: { spec: { unschedulable: unschedulable ? true : null } } },
    MERGE_PATCH,
  );
  return true;
}

export function cordon(
  context: string,
  node: string,
  unschedulable: boolean,
  reason?: string,
): Promise<NodeActionResult> {
  const verb = unschedulable ? 'cordon' : 'uncordon';
  return audited(context, verb, node, reason, async () => {
    const changed = await setUnschedulable(context, node, unschedulable);
    return {
      message: `Node "${node}" ${changed ? '' : 'already '}${unschedulable ? 'cordoned' : 'uncordoned'}.`,
    };
  });
}

/** The plan as kubectl computes it at drain time: its own LIST of the node's pods, DaemonSets read one by one. */
async function planNow(
  context: string,
  node: string,
  options: DrainOptions,
): Promise<{ plan: DrainPlan; pods: V1Pod[] }> {
  const core = apiClient(context, CoreV1Api);
  const pods = (await core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` })).items;
  const budgets = (await apiClient(context, PolicyV1Api).listPodDisruptionBudgetForAllNamespaces()).items;
  const apps = apiClient(context, AppsV1Api);
  const daemonSets = new Set<string>();
  for (const p of pods) {
    const ref = p.metadata?.ownerReferences?.find((o) => o.controller === true && o.kind === 'DaemonSet');
    const key = `${p.metadata?.namespace}/${ref?.name}`;
    if (!ref || daemonSets.has(key)) continue;
    try {
      await apps.readNamespacedDaemonSet({ namespace: p.metadata?.namespace ?? '', name: ref.name });
      daemonSets.add(key);
    } catch (e) {
      if ((e as { code?: unknown }).code !== 404) throw e;
    }
  }
  const facts = pods.map((p) => podFacts(p, daemonSets, budgets));
  return { plan: drainPlan(facts, budgets.map(budgetFacts), options), pods };
}

interface StatusBody {
  message?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

function bodyOf(e: unknown): StatusBody | undefined {
  const b = (e as { body?: unknown }).body;
  if (typeof b === 'string') {
    try {
      return JSON.parse(b) as StatusBody;
    } catch {
      return undefined;
    }
  }
  return typeof b === 'object' && b !== null ? (b as StatusBody) : undefined;
}

/**
 * The budget a 429 names: the API server's cause (reason DisruptionBudget) reads "The disruption
 * budget NAME needs N healthy pods and has M currently"; else the budget the plan matched.
 */
export function budgetOf429(
  body: StatusBody | undefined,
  fallback: string | null,
): { budget: string | null; message: string } {
  const cause = body?.details?.causes?.find((c) => c.reason === 'DisruptionBudget');
  const named = cause?.message?.match(/disruption budget (\S+)/)?.[1] ?? null;
  return {
    budget: named ?? fallback,
    message:
      cause?.message ?? body?.message ?? "Cannot evict pod as it would violate the pod's disruption budget.",
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function evictOne(
  context: string,
  pod: { namespace: string; name: string; budgets: string[] },
  deadline: number,
): Promise<EvictionResult> {
  const core = apiClient(context, CoreV1Api);
  const base = { namespace: pod.namespace, name: pod.name };
  let attempts = 0;
  let last: { budget: string | null; message: string } | null = null;
  for (;;) {
    attempts++;
    try {
      await core.createNamespacedPodEviction({
        namespace: pod.namespace,
        name: pod.name,
        body: {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: pod.name, namespace: pod.namespace },
        },
      });
      return { ...base, outcome: 'evicted', budget: null, message: 'Evicted.', attempts };
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 404) return { ...base, outcome: 'gone', budget: null, message: 'Already gone.', attempts };
      if (code !== 429) {
        const err = toAppError(e, {
          context,
          verb: 'create',
          resource: 'pods/eviction',
          namespace: pod.namespace,
          name: pod.name,
        });
        return { ...base, outcome: 'failed', budget: null, message: err.message, attempts };
      }
      last = budgetOf429(bodyOf(e), pod.budgets[0] ?? null);
    }
    if (Date.now() + settings.retryDelayMs > deadline) break;
    await sleep(settings.retryDelayMs);
  }
  const budget = last?.budget ?? null;
  return {
    ...base,
    outcome: 'blocked',
    budget,
    message:
      `${budget ? `PodDisruptionBudget "${budget}" refused the eviction` : 'The eviction was refused'} ${attempts} time${attempts === 1 ? '' : 's'}: ${last?.message ?? ''}`.trim(),
    attempts,
  };
}

export function drain(context: string, node: string, input: DrainInput): Promise<DrainResult> {
  return audited(context, 'drain', node, input.reason, async (): Promise<DrainResult> => {
    await setUnschedulable(context, node, true);
    const { plan } = await planNow(context, node, input.options);
    if (plan.errors.length > 0) {
      // kubectl leaves the node cordoned and evicts nothing.
      throw new AppError(
        409,
        `Node "${node}" is cordoned, but nothing was evicted: ${plan.errors.join('; ')}.`,
        'drain_refused',
      );
    }
    // kubectl's --timeout covers the evictions (evictPods' context), not the cordon and the listing.
    const deadline = Date.now() + input.timeoutSeconds * 1000;
    const toEvict = plan.pods.filter((p) => p.action === 'evict');
    const pods = await Promise.all(toEvict.map((p) => evictOne(context, p, deadline)));
    const count = (o: EvictionOutcome) => pods.filter((p) => p.outcome === o).length;
    const blocked = pods.filter((p) => p.outcome === 'blocked');
    const parts = [
      `${count('evicted') + count('gone')} of ${pods.length} evicted`,
      ...(blocked.length
        ? [`${blocked.length} blocked (${[...new Set(blocked.map((b) => b.budget ?? '?'))].join(', ')})`]
        : []),
      ...(count('failed') ? [`${count('failed')} failed`] : []),
    ];
    return {
      message: `Node "${node}" cordoned; ${parts.join(', ')}.`,
      warnings: plan.warnings,
      pods,
    };
  });
}
