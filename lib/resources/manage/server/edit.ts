import 'server-only';
import { AppError } from '../../../errors';
import type { AccessAnswer } from '../../../kube/access';
import { canI } from '../../../kube/access';
import { configRefs } from '../../drift/drift';
import { scanPodSpecs } from '../../pods/server/specs';
import { type Change, diffObjects, diffText } from '../diff';
import { fieldLine } from '../field-lines';
import { parseDocuments, sizeProblem } from '../yaml-docs';
import { auditWrite, forDisplay, gate, kindFromSlug, metadataOf, str, toYaml, userOf } from './common';
import {
  type Cause,
  causesOf,
  type Json,
  type ResolvedKind,
  requestJson,
  resourcePath,
  UpstreamError,
  writeError,
} from './raw';

/**
 * Edit one object: the live object as YAML (Secret values never sent), a server-side dry run of the
 * edit with the diff of what would be stored, then the write at the resourceVersion the user edited.
 * A PUT is all or nothing, so a concurrent change is a 409 with nothing applied.
 */

export interface ObjectRef {
  context: string;
  slug: string;
  /** Undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
}

export interface SecretKey {
  key: string;
  bytes: number;
}

export interface EditSource {
  apiVersion: string;
  kind: string;
  yaml: string;
  resourceVersion: string;
  /** For Secrets: the key names and sizes; values are set write-only. */
  secretKeys?: SecretKey[];
  canUpdate: AccessAnswer;
}

export interface SecretChanges {
  set: Record<string, string>;
  remove: string[];
}

export interface EditInput {
  yaml: string;
  resourceVersion: string;
  mode: 'dry-run' | 'apply';
  reason?: string;
  secret?: SecretChanges;
}

export interface PlacedCause extends Cause {
  /** The editor line the field is on, when it could be found. */
  line?: number;
}

export type EditOutcome =
  | {
      status: 'ok';
      applied: boolean;
      changes: Change[];
      resourceVersion: string;
      message: string;
      /** For a ConfigMap or Secret: workloads whose running pods keep the old value until restarted. */
      keepOldValue?: string[];
    }
  | { status: 'conflict'; message: string; changes?: Change[]; resourceVersion: string; yaml: string }
  | { status: 'invalid'; message: string; causes: PlacedCause[] };

function scope(ref: ObjectRef, r: ResolvedKind): string | undefined {
  return r.namespaced ? ref.namespace : undefined;
}

async function readLive(ref: ObjectRef, r: ResolvedKind): Promise<Json> {
  try {
    return await requestJson(ref.context, 'GET', resourcePath(r, scope(ref, r), ref.name));
  } catch (e) {
    throw writeError(e, {
      context: ref.context,
      verb: 'get',
      resource: r.resource,
      namespace: scope(ref, r),
      name: ref.name,
    });
  }
}

function secretKeys(obj: Json): SecretKey[] {
  const data = (obj.data ?? {}) as Record<string, string>;
  return Object.entries(data)
    .map(([key, b64]) => ({ key, bytes: Buffer.from(b64, 'base64').length }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export async function getEditSource(ref: ObjectRef): Promise<EditSource> {
  const r = await kindFromSlug(ref.context, ref.slug);
  const live = await readLive(ref, r);
  const canUpdate = await canI(ref.context, {
    verb: 'update',
    group: r.group,
    resource: r.resource,
    namespace: scope(ref, r),
    name: ref.name,
  });
  const shown = forDisplay({ ...live, apiVersion: r.apiVersion, kind: r.kind });
  return {
    apiVersion: r.apiVersion,
    kind: r.kind,
    yaml: toYaml(shown),
    resourceVersion: str(metadataOf(live).resourceVersion) ?? '',
    ...(r.kind === 'Secret' ? { secretKeys: secretKeys(live) } : {}),
    canUpdate,
  };
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The user's YAML as the object to PUT, checked against the URL; 400s say what does not match. */
export function buildEdited(r: ResolvedKind, ref: ObjectRef, input: EditInput, live: Json): Json {
  const size = sizeProblem(input.yaml);
  if (size) throw new AppError(413, size, 'too_large');
  const docs = parseDocuments(input.yaml);
  if (docs.length !== 1) {
    throw new AppError(
      400,
      docs.length === 0
        ? 'The editor is empty: there is no object to save.'
        : `The editor holds ${docs.length} documents; an edit changes exactly one object.`,
      'bad_request',
    );
  }
  const doc = docs[0];
  if (!doc?.object || doc.error) throw new AppError(400, doc?.error ?? 'Invalid YAML.', 'bad_yaml');
  const obj = structuredClone(doc.object) as Json;
  const [group] = String(obj.apiVersion).includes('/') ? String(obj.apiVersion).split('/') : [''];
  if (obj.kind !== r.kind || group !== r.group) {
    throw new AppError(
      400,
      `This page edits ${r.kind} "${ref.name}"; the YAML is a ${String(obj.kind)} (${String(obj.apiVersion)}). Use Create for a different kind.`,
      'kind_mismatch',
    );
  }
  const meta = metadataOf(obj);
  obj.metadata = meta;
  if (meta.name !== ref.name) {
    throw new AppError(
      400,
      `The YAML names "${String(meta.name ?? '')}", but this page edits "${ref.name}". An object cannot be renamed; create a copy under the new name instead.`,
      'name_mismatch',
    );
  }
  const ns = scope(ref, r);
  if (ns && meta.namespace !== undefined && meta.namespace !== ns) {
    throw new AppError(
      400,
      `The YAML says namespace "${String(meta.namespace)}", but this object is in namespace "${ns}". An object cannot move between namespaces.`,
      'namespace_mismatch',
    );
  }
  if (ns) meta.namespace = ns;
  meta.resourceVersion = input.resourceVersion;
  if (r.kind === 'Secret') {
    if ('data' in obj || 'stringData' in obj) {
      throw new AppError(
        400,
        'Secret values are not edited as YAML: set or remove keys in the fields below the editor (values are never shown).',
        'secret_values',
      );
    }
    const data = { ...((live.data ?? {}) as Record<string, string>) };
    for (const k of input.secret?.remove ?? []) delete data[k];
    for (const [k, v] of Object.entries(input.secret?.set ?? {}))
      data[k] = Buffer.from(v, 'utf8').toString('base64');
    obj.data = data;
    // The user never saw kubectl's last-applied copy (it repeats the values): keep it as it is.
    const liveAnn = metadataOf(live).annotations as Record<string, string> | undefined;
    if (liveAnn?.[LAST_APPLIED]) {
      meta.annotations = {
        ...((meta.annotations as Record<string, string>) ?? {}),
        [LAST_APPLIED]: liveAnn[LAST_APPLIED],
      };
    }
  } else if (input.secret) {
    throw new AppError(400, 'Secret keys can only be set on a Secret.', 'bad_request');
  }
  return obj;
}

function invalid(e: unknown, message: string, yaml: string): EditOutcome {
  const causes = causesOf(e).map((c) => {
    const line = c.field ? fieldLine(yaml, c.field) : undefined;
    return line ? { ...c, line } : c;
  });
  return { status: 'invalid', message, causes };
}

async function put(ref: ObjectRef, r: ResolvedKind, body: Json, dryRun: boolean): Promise<Json> {
  return requestJson(
    ref.context,
    'PUT',
    resourcePath(r, scope(ref, r), ref.name),
    {
      fieldManager: 'wheelhouse',
      ...(dryRun ? { dryRun: 'All' } : {}),
    },
    body,
  );
}

/** Dry runs of the edit against the object as it is now before giving up on showing the new diff. */
const CONFLICT_DRY_RUNS = 5;

/**
 * After a 409: the same edit dry-run against the object as it is now, so the user sees what applying
 * would do. The write that caused the 409 is often followed by the controller's status writes (a
 * scale moves the status several times in a second), and each one between our read and the dry run
 * is a 409 of its own: read again and retry rather than show no diff.
 */
async function conflictOutcome(ref: ObjectRef, r: ResolvedKind, input: EditInput): Promise<EditOutcome> {
  const message = `${r.kind} "${ref.name}" changed since you opened it (someone else wrote it). Nothing was applied. Below is what your edit would do to the version stored now; apply again to overwrite it, or reload to start over.`;
  for (let attempt = 1; ; attempt++) {
    const live = await readLive(ref, r);
    const rv = str(metadataOf(live).resourceVersion) ?? '';
    const yaml = toYaml(forDisplay({ ...live, apiVersion: r.apiVersion, kind: r.kind }));
    const shown = { status: 'conflict' as const, message, resourceVersion: rv, yaml };
    try {
      const edited = buildEdited(r, ref, { ...input, resourceVersion: rv }, live);
      const stored = await put(ref, r, edited, true);
      return { ...shown, changes: diffObjects(live, stored, edited) };
    } catch (e) {
      const movedAgain = e instanceof UpstreamError && e.code === 409;
      if (!movedAgain || attempt === CONFLICT_DRY_RUNS) return shown;
    }
  }
}

/** Workloads (and bare pods) reading it as env, envFrom or subPath: they keep the value they started with. */
async function readersOfOldValue(
  context: string,
  namespace: string,
  kind: 'ConfigMap' | 'Secret',
  name: string,
): Promise<string[]> {
  try {
    const scan = await scanPodSpecs(context, namespace);
    const out: string[] = [];
    for (const h of scan.holders) {
      if (!h.spec || (h.kind === 'Pod' && (h.metadata?.ownerReferences ?? []).some((o) => o.controller)))
        continue;
      const ref = configRefs(h.spec).find((c) => c.kind === kind && c.name === name);
      const via = ref?.via.filter((v) => v !== 'volume') ?? [];
      if (via.length) out.push(`${h.kind} ${h.metadata?.name ?? ''} (${via.join(', ')})`);
    }
    return out;
  } catch {
    return [];
  }
}

export async function editObject(ref: ObjectRef, input: EditInput): Promise<EditOutcome> {
  const r = await kindFromSlug(ref.context, ref.slug);
  const ns = scope(ref, r);
  const apply = input.mode === 'apply';
  const user = apply ? await userOf(ref.context) : '';
  const target: { apiVersion: string; kind: string; uid?: string } = {
    apiVersion: r.apiVersion,
    kind: r.kind,
  };
  const base = {
    user,
    context: ref.context,
    verb: 'edit',
    resource: r.resource,
    namespace: ns,
    name: ref.name,
    ...(input.reason ? { reason: input.reason } : {}),
  };
  const attempt = {
    context: ref.context,
    verb: 'update' as const,
    resource: r.resource,
    namespace: ns,
    name: ref.name,
  };
  try {
    await gate(ref.context, 'update', r, ns, ref.name);
    const live = await readLive(ref, r);
    target.uid = str(metadataOf(live).uid);
    const edited = buildEdited(r, ref, input, live);
    if (metadataOf(live).resourceVersion !== input.resourceVersion) {
      const outcome = await conflictOutcome(ref, r, input);
      if (apply)
        auditWrite(
          {
            ...base,
            result: 'failure',
            message: 'conflict: the object changed since it was opened; nothing applied',
          },
          target,
        );
      return outcome;
    }
    let stored: Json;
    try {
      stored = await put(ref, r, edited, !apply);
    } catch (e) {
      if (e instanceof UpstreamError && e.code === 409) {
        const outcome = await conflictOutcome(ref, r, input);
        if (apply)
          auditWrite(
            {
              ...base,
              result: 'failure',
              message: 'conflict: the object changed since it was opened; nothing applied',
            },
            target,
          );
        return outcome;
      }
      if (e instanceof UpstreamError && e.code === 422) {
        const err = writeError(e, attempt);
        if (apply) auditWrite({ ...base, result: 'failure', message: err.message }, target);
        return invalid(e, err.message, input.yaml);
      }
      throw e;
    }
    const changes = diffObjects(live, stored, edited);
    const resourceVersion = str(metadataOf(stored).resourceVersion) ?? '';
    if (!apply) {
      const message = changes.length
        ? `The API server accepted the edit (dry run): ${changes.length} field${changes.length === 1 ? '' : 's'} would change. Nothing is saved yet.`
        : 'The API server accepted the edit (dry run), and it would change nothing.';
      return { status: 'ok', applied: false, changes, resourceVersion: input.resourceVersion, message };
    }
    const message = `${r.kind} "${ref.name}" saved: ${changes.length} field${changes.length === 1 ? '' : 's'} changed.`;
    auditWrite({ ...base, result: 'success', message, diff: diffText(changes) }, target);
    const keepOldValue =
      ns && (r.kind === 'ConfigMap' || r.kind === 'Secret')
        ? await readersOfOldValue(ref.context, ns, r.kind, ref.name)
        : undefined;
    return {
      status: 'ok',
      applied: true,
      changes,
      resourceVersion,
      message,
      ...(keepOldValue?.length ? { keepOldValue } : {}),
    };
  } catch (e) {
    const err = writeError(e, attempt);
    if (apply) auditWrite({ ...base, result: 'failure', message: err.message }, target);
    throw err;
  }
}
