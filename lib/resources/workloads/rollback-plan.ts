import type {
  V1ControllerRevision,
  V1DaemonSet,
  V1Deployment,
  V1ObjectMeta,
  V1PodTemplateSpec,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { AppError } from '../../errors';
import type { RolloutKind } from '../../links';
import { toIso } from '../objects/iso';
import { diffTemplates, type TemplateDiff, templatesEqual, withoutHash } from './template-diff';

/**
 * Rollback planning with `kubectl rollout undo` semantics (kubectl pkg/polymorphichelpers/rollback.go),
 * as pure functions: the server reads the objects, these decide what to send. Unlike kubectl, every
 * patch starts with JSON-patch `test`s on what the user saw: the spec (metadata.generation, which
 * the API server bumps on every spec change and never on a status write) and, for a Deployment, the
 * revision the dialog showed. A concurrent change of the template fails with 409 instead of being
 * overwritten, while the controller's status writes (which move resourceVersion every few seconds
 * during a rollout or a crash loop) do not.
 */

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/** Deployment annotations kubectl keeps from the Deployment instead of copying them from the ReplicaSet. */
export const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export interface Revision {
  revision: number;
  /** The ReplicaSet or ControllerRevision that holds it. */
  source: string;
  template: V1PodTemplateSpec;
  annotations: Record<string, string>;
  changeCause: string | null;
  createdAt: string | null;
  /** Pods the ReplicaSet currently runs; null for ControllerRevisions, which own no pods. */
  replicas: number | null;
  images: string[];
  current: boolean;
}

export type JsonPatchOp =
  | { op: 'test' | 'replace' | 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string };

export interface RollbackPlan {
  kind: RolloutKind;
  namespace: string;
  name: string;
  /** metadata.generation the plan was made at: the spec the diff starts from. */
  generation: number;
  fromRevision: number | null;
  toRevision: number;
  /** The ReplicaSet or ControllerRevision holding the target; its name hashes the template. */
  toSource: string;
  /** The target template already equals the current one: nothing is sent, as kubectl skips it. */
  noop: boolean;
  diff: TemplateDiff;
  patch: JsonPatchOp[];
}

/**
 * The guard every Wheelhouse patch starts with: the spec is still the one the user saw. Resource
 * versions are not compared: the controller's status writes move them, the spec stays put.
 */
export function specGuard(generation: number): JsonPatchOp {
  return { op: 'test', path: '/metadata/generation', value: generation };
}

function resolve(doc: unknown, path: string): unknown {
  let at: unknown = doc;
  for (const raw of path.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * The `test` ops of a patch that do not hold on `doc` (as the API server would evaluate them):
 * how a bare 422 from a refused patch is told apart from invalid input.
 */
export function failingTests(doc: unknown, patch: JsonPatchOp[]): JsonPatchOp[] {
  return patch.filter(
    (op) => op.op === 'test' && JSON.stringify(resolve(doc, op.path)) !== JSON.stringify(op.value),
  );
}

/** JSON Pointer escaping (RFC 6901) for annotation keys, which contain "/". */
export function pointer(...parts: string[]): string {
  return `/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

function images(t: V1PodTemplateSpec | undefined): string[] {
  const cs = [...(t?.spec?.initContainers ?? []), ...(t?.spec?.containers ?? [])];
  return [...new Set(cs.map((c) => c.image ?? '').filter(Boolean))];
}

function controlledBy(meta: V1ObjectMeta | undefined, uid: string | undefined): boolean {
  return !!uid && !!meta?.ownerReferences?.some((o) => o.controller === true && o.uid === uid);
}

function parseRevision(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** The Deployment's revisions from the ReplicaSets it controls, newest first. */
export function deploymentRevisions(d: V1Deployment, replicaSets: V1ReplicaSet[]): Revision[] {
  const currentRev = parseRevision(d.metadata?.annotations?.[REVISION_ANNOTATION]);
  const out: Revision[] = [];
  for (const rs of replicaSets) {
    if (!controlledBy(rs.metadata, d.metadata?.uid)) continue;
    const revision = parseRevision(rs.metadata?.annotations?.[REVISION_ANNOTATION]);
    if (revision === undefined) continue;
    const template = rs.spec?.template ?? {};
    out.push({
      revision,
      source: rs.metadata?.name ?? '',
      template,
      annotations: rs.metadata?.annotations ?? {},
      changeCause: rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? null,
      createdAt: toIso(rs.metadata?.creationTimestamp),
      replicas: rs.status?.replicas ?? 0,
      images: images(template),
      current:
        currentRev !== undefined ? revision === currentRev : templatesEqual(template, d.spec?.template ?? {}),
    });
  }
  return out.sort((a, b) => b.revision - a.revision);
}

/** The pod template a ControllerRevision stores: `{spec: {template: {..., $patch: replace}}}`. */
export function controllerRevisionTemplate(cr: V1ControllerRevision): V1PodTemplateSpec {
  const data = cr.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const { $patch: _patch, ...template } = data?.spec?.template ?? {};
  return template as V1PodTemplateSpec;
}

/** StatefulSet or DaemonSet revisions from their ControllerRevisions, newest first. */
export function controllerRevisions(
  owner: V1StatefulSet | V1DaemonSet,
  revisions: V1ControllerRevision[],
): Revision[] {
  const updateRevision = (owner as V1StatefulSet).status?.updateRevision;
  const own = revisions.filter((cr) => controlledBy(cr.metadata, owner.metadata?.uid));
  // A StatefulSet names its target revision; a DaemonSet's is the one matching its template (the
  // controller renumbers a reused revision to the newest, so the highest wins if several match).
  const matching = own
    .filter((cr) => templatesEqual(controllerRevisionTemplate(cr), owner.spec?.template ?? {}))
    .sort((a, b) => b.revision - a.revision)[0];
  const currentName = updateRevision ?? matching?.metadata?.name;
  return own
    .map((cr): Revision => {
      const template = controllerRevisionTemplate(cr);
      const current = currentName !== undefined && cr.metadata?.name === currentName;
      return {
        revision: cr.revision,
        source: cr.metadata?.name ?? '',
        template,
        annotations: cr.metadata?.annotations ?? {},
        changeCause: cr.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? null,
        createdAt: toIso(cr.metadata?.creationTimestamp),
        replicas: null,
        images: images(template),
        current,
      };
    })
    .sort((a, b) => b.revision - a.revision);
}

/** Whether rollback can work at all, and if not, a sentence saying why. */
export function rollbackAvailability(
  revisions: Revision[],
  revisionHistoryLimit: number | undefined,
): { possible: boolean; why?: string } {
  if (revisions.length > 1) return { possible: true };
  if (revisionHistoryLimit === 0) {
    return {
      possible: false,
      why: 'Rollback is impossible: revisionHistoryLimit is 0, so Kubernetes keeps no earlier revisions.',
    };
  }
  return {
    possible: false,
    why:
      revisions.length === 0
        ? 'Rollback is impossible: there is no rollout history yet.'
        : 'Rollback is impossible: this is the only revision; there is no earlier one to return to.',
  };
}

/** Revision 0 means "the previous one" (the second newest), as in `kubectl rollout undo`. */
export function pickTarget(revisions: Revision[], toRevision: number, name: string): Revision {
  if (toRevision === 0) {
    const previous = revisions[1];
    if (!previous) {
      throw new AppError(409, `No earlier revision of "${name}" to roll back to.`, 'no_history');
    }
    return previous;
  }
  const hit = revisions.find((r) => r.revision === toRevision);
  if (!hit) {
    const existing = revisions.map((r) => r.revision).sort((a, b) => a - b);
    throw new AppError(
      404,
      `Revision ${toRevision} of "${name}" does not exist. ${
        existing.length ? `Existing revisions: ${existing.join(', ')}.` : 'There are no revisions.'
      }`,
      'revision_not_found',
    );
  }
  return hit;
}

export function currentRevision(revisions: Revision[]): number | null {
  return revisions.find((r) => r.current)?.revision ?? null;
}

/** kubectl's annotation rule: skip-list keys from the Deployment, every other key from the ReplicaSet. */
export function rollbackAnnotations(
  deploymentAnnotations: Record<string, string> | undefined,
  target: Revision,
  changeCause: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = deploymentAnnotations?.[k];
    if (v !== undefined) out[k] = v;
  }
  for (const [k, v] of Object.entries(target.annotations)) {
    if (!ANNOTATIONS_TO_SKIP.has(k)) out[k] = v;
  }
  if (changeCause) out[CHANGE_CAUSE_ANNOTATION] = changeCause;
  return out;
}

export function planDeploymentRollback(
  d: V1Deployment,
  replicaSets: V1ReplicaSet[],
  toRevision: number,
  changeCause?: string,
): RollbackPlan {
  const name = d.metadata?.name ?? '';
  const revisions = deploymentRevisions(d, replicaSets);
  const target = pickTarget(revisions, toRevision, name);
  if (d.spec?.paused) {
    throw new AppError(
      409,
      `Deployment "${name}" is paused: a paused Deployment cannot be rolled back. Resume it first, then roll back.`,
      'paused',
    );
  }
  const current = d.spec?.template ?? {};
  const template = withoutHash(target.template);
  const noop = templatesEqual(target.template, current);
  const generation = d.metadata?.generation ?? 0;
  // The revision the dialog shows as "from" is the controller's annotation: test it too, so a
  // revision the controller assigned in between is seen, not silently rolled over.
  const shownRevision = d.metadata?.annotations?.[REVISION_ANNOTATION];
  return {
    kind: 'deployments',
    namespace: d.metadata?.namespace ?? '',
    name,
    generation,
    fromRevision: currentRevision(revisions),
    toRevision: target.revision,
    toSource: target.source,
    noop,
    diff: diffTemplates(current, template),
    patch: noop
      ? []
      : [
          specGuard(generation),
          ...(shownRevision !== undefined
            ? [
                {
                  op: 'test' as const,
                  path: pointer('metadata', 'annotations', REVISION_ANNOTATION),
                  value: shownRevision,
                },
              ]
            : []),
          { op: 'replace', path: '/spec/template', value: template },
          {
            op: d.metadata?.annotations ? 'replace' : 'add',
            path: '/metadata/annotations',
            value: rollbackAnnotations(d.metadata?.annotations, target, changeCause),
          },
        ],
  };
}

/** The ops that set (or clear nothing of) the change-cause on an object's own annotations. */
export function changeCauseOps(
  meta: V1ObjectMeta | undefined,
  changeCause: string | undefined,
): JsonPatchOp[] {
  if (!changeCause) return [];
  if (!meta?.annotations) {
    return [{ op: 'add', path: '/metadata/annotations', value: { [CHANGE_CAUSE_ANNOTATION]: changeCause } }];
  }
  return [
    { op: 'add', path: pointer('metadata', 'annotations', CHANGE_CAUSE_ANNOTATION), value: changeCause },
  ];
}

export function planControllerRevisionRollback(
  kind: 'statefulsets' | 'daemonsets',
  obj: V1StatefulSet | V1DaemonSet,
  crs: V1ControllerRevision[],
  toRevision: number,
  changeCause?: string,
): RollbackPlan {
  const name = obj.metadata?.name ?? '';
  const revisions = controllerRevisions(obj, crs);
  const target = pickTarget(revisions, toRevision, name);
  const current = obj.spec?.template ?? {};
  const noop = templatesEqual(target.template, current);
  const generation = obj.metadata?.generation ?? 0;
  return {
    kind,
    namespace: obj.metadata?.namespace ?? '',
    name,
    generation,
    fromRevision: currentRevision(revisions),
    toRevision: target.revision,
    toSource: target.source,
    noop,
    diff: diffTemplates(current, target.template),
    // kubectl sends the revision's data as a strategic merge patch with `$patch: replace` on the
    // template; replacing /spec/template in a JSON patch is the same change, plus the `test`.
    patch: noop
      ? []
      : [
          specGuard(generation),
          { op: 'replace', path: '/spec/template', value: target.template },
          ...changeCauseOps(obj.metadata, changeCause),
        ],
  };
}
