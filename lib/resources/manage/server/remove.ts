import 'server-only';
import { AppError } from '../../../errors';
import { type AccessAnswer, canI } from '../../../kube/access';
import { KINDS } from '../../lists/kinds';
import { finalizerHolds, type Hold, type Termination, terminationOf } from '../holds';
import { auditWrite, gate, kindFromSlug, metadataOf, str, userOf } from './common';
import type { ObjectRef } from './edit';
import { type Json, type ResolvedKind, requestJson, resourcePath, writeError } from './raw';

/**
 * Delete with the facts a person needs first: what goes with the object (its dependents through
 * ownerReferences, a namespace's contents by count), what will hold it (finalizers and who set
 * them), and the propagation policy to choose.
 */

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export interface Dependents {
  kind: string;
  count: number;
  /** The first few, for the sentence. */
  names: string[];
}

export interface DeletePlan {
  kind: string;
  name: string;
  namespace?: string;
  uid: string;
  canDelete: AccessAnswer;
  /** Objects owned by it, transitively (a Deployment's ReplicaSets and their pods). */
  dependents: Dependents[];
  /** For a namespace: what is in it, by kind. */
  contents?: Dependents[];
  /** Lists that could not be read, so the counts may be short. */
  gaps: string[];
  holds: Hold[];
  terminating?: Termination;
}

/** Kinds that are owned by others often enough to look for, with where to list them. */
const OWNED: { kind: string; apiVersion: string; resource: string }[] = [
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', resource: 'replicasets' },
  { kind: 'Pod', apiVersion: 'v1', resource: 'pods' },
  { kind: 'Job', apiVersion: 'batch/v1', resource: 'jobs' },
  { kind: 'ControllerRevision', apiVersion: 'apps/v1', resource: 'controllerrevisions' },
  { kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1', resource: 'endpointslices' },
];

function asKind(apiVersion: string, kind: string, resource: string, namespaced = true): ResolvedKind {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return { apiVersion, kind, group: group ?? '', version: version ?? apiVersion, resource, namespaced };
}

async function listItems(
  context: string,
  r: ResolvedKind,
  namespace: string,
  limit: number,
): Promise<{ items: Json[]; remaining: number }> {
  const body = await requestJson(context, 'GET', resourcePath(r, namespace), { limit: String(limit) });
  const items = Array.isArray(body.items) ? (body.items as Json[]) : [];
  const meta = metadataOf(body);
  return { items, remaining: typeof meta.remainingItemCount === 'number' ? meta.remainingItemCount : 0 };
}

async function dependentsOf(
  context: string,
  namespace: string,
  uid: string,
  gaps: string[],
): Promise<Dependents[]> {
  const all: { kind: string; name: string; uid: string; owners: string[] }[] = [];
  await Promise.all(
    OWNED.map(async (o) => {
      try {
        const { items } = await listItems(context, asKind(o.apiVersion, o.kind, o.resource), namespace, 5000);
        for (const it of items) {
          const m = metadataOf(it);
          const owners = Array.isArray(m.ownerReferences)
            ? (m.ownerReferences as { uid?: string }[]).map((r) => r.uid ?? '')
            : [];
          all.push({ kind: o.kind, name: str(m.name) ?? '', uid: str(m.uid) ?? '', owners });
        }
      } catch (e) {
        gaps.push(writeError(e, { context, verb: 'list', resource: o.resource, namespace }).message);
      }
    }),
  );
  const found = new Map<string, { kind: string; name: string }>();
  let frontier = [uid];
  while (frontier.length) {
    const next: string[] = [];
    for (const o of all) {
      if (!found.has(o.uid) && o.owners.some((u) => frontier.includes(u))) {
        found.set(o.uid, o);
        next.push(o.uid);
      }
    }
    frontier = next;
  }
  const byKind = new Map<string, string[]>();
  for (const o of found.values()) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o.name]);
  return OWNED.filter((o) => byKind.has(o.kind)).map((o) => {
    const names = (byKind.get(o.kind) ?? []).sort();
    return { kind: o.kind, count: names.length, names: names.slice(0, 5) };
  });
}

async function namespaceContents(context: string, namespace: string, gaps: string[]): Promise<Dependents[]> {
  const kinds = KINDS.filter((k) => k.namespaced);
  const counts = await Promise.all(
    kinds.map(async (k) => {
      try {
        const { items, remaining } = await listItems(
          context,
          asKind(k.group ? `${k.group}/${k.version}` : k.version, k.kind, k.slug),
          namespace,
          500,
        );
        return {
          kind: k.kind,
          count: items.length + remaining,
          names: items.slice(0, 5).map((i) => str(metadataOf(i).name) ?? ''),
        };
      } catch (e) {
        gaps.push(writeError(e, { context, verb: 'list', resource: k.slug, namespace }).message);
        return { kind: k.kind, count: 0, names: [] };
      }
    }),
  );
  return counts.filter((c) => c.count > 0);
}

function scopeOf(ref: ObjectRef, r: ResolvedKind): string | undefined {
  return r.namespaced ? ref.namespace : undefined;
}

export async function deletePlan(ref: ObjectRef): Promise<DeletePlan> {
  const r = await kindFromSlug(ref.context, ref.slug);
  const ns = scopeOf(ref, r);
  let obj: Json;
  try {
    obj = await requestJson(ref.context, 'GET', resourcePath(r, ns, ref.name));
  } catch (e) {
    throw writeError(e, {
      context: ref.context,
      verb: 'get',
      resource: r.resource,
      namespace: ns,
      name: ref.name,
    });
  }
  obj.kind = r.kind;
  const meta = metadataOf(obj);
  const gaps: string[] = [];
  const [canDelete, dependents, contents] = await Promise.all([
    canI(ref.context, {
      verb: 'delete',
      group: r.group,
      resource: r.resource,
      namespace: ns,
      name: ref.name,
    }),
    ns ? dependentsOf(ref.context, ns, str(meta.uid) ?? '', gaps) : Promise.resolve([]),
    r.kind === 'Namespace' ? namespaceContents(ref.context, ref.name, gaps) : Promise.resolve(undefined),
  ]);
  const terminating = terminationOf(obj);
  return {
    kind: r.kind,
    name: ref.name,
    ...(ns ? { namespace: ns } : {}),
    uid: str(meta.uid) ?? '',
    canDelete,
    dependents,
    ...(contents ? { contents } : {}),
    gaps,
    holds: finalizerHolds(obj),
    ...(terminating ? { terminating } : {}),
  };
}

export interface DeleteInput {
  propagationPolicy: Propagation;
  /** The object the user confirmed: a newer one under the same name is not deleted. */
  uid: string;
  reason?: string;
}

export function describeDependents(d: Dependents[]): string {
  return d.map((x) => `${x.count} ${x.kind}${x.count === 1 ? '' : 's'}`).join(', ');
}

export async function deleteObject(ref: ObjectRef, input: DeleteInput): Promise<{ message: string }> {
  const r = await kindFromSlug(ref.context, ref.slug);
  const ns = scopeOf(ref, r);
  const user = await userOf(ref.context);
  const base = {
    user,
    context: ref.context,
    verb: 'delete',
    resource: r.resource,
    namespace: ns,
    name: ref.name,
    ...(input.reason ? { reason: input.reason } : {}),
  };
  const target = { apiVersion: r.apiVersion, kind: r.kind, uid: input.uid };
  try {
    await gate(ref.context, 'delete', r, ns, ref.name);
    await requestJson(
      ref.context,
      'DELETE',
      resourcePath(r, ns, ref.name),
      {},
      {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        propagationPolicy: input.propagationPolicy,
        preconditions: { uid: input.uid },
      },
    );
  } catch (e) {
    const err = writeError(e, {
      context: ref.context,
      verb: 'delete',
      resource: r.resource,
      namespace: ns,
      name: ref.name,
    });
    const out =
      err.status === 409
        ? new AppError(
            409,
            `${r.kind} "${ref.name}" is not the object you confirmed (it was deleted and created again). Nothing was deleted; review it again.`,
            'conflict',
          )
        : err;
    auditWrite({ ...base, result: 'failure', message: out.message }, target);
    throw out;
  }
  const policy = {
    Background: 'its dependents are deleted in the background',
    Foreground: 'it stays until its dependents are deleted',
    Orphan: 'its dependents are kept',
  }[input.propagationPolicy];
  const message = `${r.kind} "${ref.name}" deletion requested (${input.propagationPolicy}: ${policy}).`;
  auditWrite(
    {
      ...base,
      result: 'success',
      message,
      diff: `- ${r.kind} ${ns ? `${ns}/` : ''}${ref.name} (propagationPolicy ${input.propagationPolicy})`,
    },
    target,
  );
  return { message };
}
