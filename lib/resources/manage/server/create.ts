import 'server-only';
import { AppError, isAppError } from '../../../errors';
import { objectPage } from '../../../links';
import { ALL_NAMESPACES } from '../../../paths';
import { pageSlug } from '../../api-kinds/discovery';
import { type Change, diffObjects, diffText } from '../diff';
import { fieldLine } from '../field-lines';
import { MAX_DOCUMENTS, parseDocuments, sizeProblem } from '../yaml-docs';
import { auditWrite, gate, metadataOf, str, userOf } from './common';
import {
  type Cause,
  causesOf,
  type Json,
  type ResolvedKind,
  requestJson,
  resolveKind,
  resourcePath,
  UpstreamError,
  writeError,
} from './raw';

/**
 * Create from pasted YAML: every document is checked and dry-run first (the diff shows everything
 * new, defaults included), then created in order. When some are invalid, the valid ones are created
 * only if the user confirmed the partial apply.
 */

export interface CreateInput {
  yaml: string;
  mode: 'dry-run' | 'apply';
  /** The user saw that some documents are invalid and wants the others created anyway. */
  confirmPartial?: boolean;
  reason?: string;
}

export interface DocumentResult {
  index: number;
  line: number;
  kind?: string;
  name?: string;
  namespace?: string;
  status: 'valid' | 'invalid' | 'created' | 'failed' | 'skipped';
  message?: string;
  causes?: (Cause & { line?: number })[];
  changes?: Change[];
  /** The created object's page, when Wheelhouse has one for its kind. */
  page?: string;
}

export interface CreateOutcome {
  /** ok: all valid (dry run) or all created; partial: some invalid; needs-confirmation: nothing created. */
  status: 'ok' | 'partial' | 'needs-confirmation' | 'invalid';
  message: string;
  documents: DocumentResult[];
}

interface Planned {
  result: DocumentResult;
  r?: ResolvedKind;
  body?: Json;
}

async function prepare(
  context: string,
  urlNamespace: string | undefined,
  doc: ReturnType<typeof parseDocuments>[number],
): Promise<Planned> {
  const result: DocumentResult = { index: doc.index, line: doc.line, status: 'invalid' };
  const obj = doc.object ? (structuredClone(doc.object) as Json) : undefined;
  if (obj) {
    result.kind = str(obj.kind);
    result.name = str(metadataOf(obj).name) ?? str(metadataOf(obj).generateName);
  }
  if (!obj || doc.error) return { result: { ...result, message: doc.error ?? 'Invalid YAML.' } };
  let r: ResolvedKind;
  try {
    r = await resolveKind(context, String(obj.apiVersion), String(obj.kind));
  } catch (e) {
    if (isAppError(e) && e.status < 500)
      return { result: { ...result, message: `Document ${doc.index} (line ${doc.line}): ${e.message}` } };
    throw e;
  }
  const meta = metadataOf(obj);
  obj.metadata = meta;
  if (!str(meta.name) && !str(meta.generateName)) {
    return {
      result: {
        ...result,
        message: `Document ${doc.index} (line ${doc.line}): ${r.kind} has no metadata.name.`,
      },
    };
  }
  if (r.namespaced) {
    const own = str(meta.namespace);
    if (own && urlNamespace && own !== urlNamespace) {
      return {
        result: {
          ...result,
          namespace: own,
          message: `Document ${doc.index} (line ${doc.line}) says namespace "${own}", but you are creating in namespace "${urlNamespace}". Remove metadata.namespace, or switch to namespace "${own}" (or all namespaces).`,
        },
      };
    }
    const ns = own ?? urlNamespace;
    if (!ns)
      return {
        result: {
          ...result,
          message: `Document ${doc.index} (line ${doc.line}): ${r.kind} is namespaced; set metadata.namespace or choose a namespace first.`,
        },
      };
    meta.namespace = ns;
    result.namespace = ns;
  } else {
    delete meta.namespace;
  }
  if (str(meta.resourceVersion)) delete meta.resourceVersion;
  return { result: { ...result, status: 'valid' }, r, body: obj };
}

async function post(context: string, p: Planned, dryRun: boolean): Promise<Json> {
  if (!p.r || !p.body) throw new Error('not planned');
  return requestJson(
    context,
    'POST',
    resourcePath(p.r, str(metadataOf(p.body).namespace)),
    { fieldManager: 'wheelhouse', ...(dryRun ? { dryRun: 'All' } : {}) },
    p.body,
  );
}

function failure(context: string, p: Planned, e: unknown, docText: string, docLine: number): DocumentResult {
  const attempt = {
    context,
    verb: 'create' as const,
    resource: p.r?.resource ?? 'objects',
    namespace: p.result.namespace,
    name: p.result.name,
  };
  const reason =
    e instanceof UpstreamError && typeof e.body === 'object' && e.body
      ? (e.body as { reason?: string }).reason
      : undefined;
  const err =
    reason === 'AlreadyExists'
      ? new AppError(
          409,
          `${p.result.kind} "${p.result.name}" already exists${p.result.namespace ? ` in namespace "${p.result.namespace}"` : ''}. Edit it instead.`,
          'exists',
        )
      : writeError(e, attempt);
  const causes = causesOf(e).map((c) => {
    const line = c.field ? fieldLine(docText, c.field) : undefined;
    return line ? { ...c, line: line + docLine - 1 } : c;
  });
  return {
    ...p.result,
    status: 'invalid',
    message: `Document ${p.result.index} (line ${p.result.line}): ${err.message}`,
    ...(causes.length ? { causes } : {}),
  };
}

export async function createFromYaml(
  context: string,
  urlNamespace: string | undefined,
  input: CreateInput,
): Promise<CreateOutcome> {
  const size = sizeProblem(input.yaml);
  if (size) throw new AppError(413, size, 'too_large');
  const docs = parseDocuments(input.yaml);
  if (docs.length === 0)
    throw new AppError(400, 'There is nothing to create: the YAML has no documents.', 'bad_request');
  if (docs.length > MAX_DOCUMENTS)
    throw new AppError(
      400,
      `The YAML has ${docs.length} documents; create at most ${MAX_DOCUMENTS} at once.`,
      'bad_request',
    );
  const planned: Planned[] = [];
  for (const d of docs) planned.push(await prepare(context, urlNamespace, d));
  // Access first, per kind and namespace: a refusal says so without sending the objects.
  const refused = new Set<Planned>();
  for (const p of planned) {
    if (!p.r || p.result.status !== 'valid') continue;
    try {
      await gate(context, 'create', p.r, p.result.namespace);
    } catch (e) {
      if (!isAppError(e) || e.status !== 403) throw e;
      p.result = {
        ...p.result,
        status: 'invalid',
        message: `Document ${p.result.index} (line ${p.result.line}): ${e.message}`,
      };
      refused.add(p);
    }
  }
  for (const [i, p] of planned.entries()) {
    if (p.result.status !== 'valid' || !p.body) continue;
    const doc = docs[i];
    try {
      const stored = await post(context, p, true);
      p.result.changes = diffObjects(undefined, stored, p.body);
    } catch (e) {
      p.result = failure(context, p, e, doc?.text ?? '', doc?.line ?? 1);
    }
  }
  const valid = planned.filter((p) => p.result.status === 'valid');
  const invalidCount = planned.length - valid.length;
  const documents = () => planned.map((p) => p.result);
  if (input.mode === 'dry-run') {
    if (invalidCount === 0)
      return {
        status: 'ok',
        message: `The API server accepted all ${planned.length} document${planned.length === 1 ? '' : 's'} (dry run). Nothing is created yet.`,
        documents: documents(),
      };
    return {
      status: valid.length ? 'partial' : 'invalid',
      message: `${invalidCount} of ${planned.length} documents cannot be created; ${valid.length} can.`,
      documents: documents(),
    };
  }
  const user = await userOf(context);
  const base = (p: Planned) => ({
    user,
    context,
    verb: 'create',
    resource: p.r?.resource ?? 'objects',
    namespace: p.result.namespace,
    name: p.result.name,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  const target = (p: Planned) => ({ apiVersion: p.r?.apiVersion ?? 'v1', kind: p.r?.kind ?? 'Object' });
  // Like a refused edit or delete, a create the access review refused is an attempt the audit keeps
  // (file and stdout; no Event, as for every failure), whether or not the others go ahead.
  for (const p of refused)
    auditWrite({ ...base(p), result: 'failure', message: p.result.message }, target(p));
  if (valid.length === 0)
    return {
      status: 'invalid',
      message: 'No document can be created; nothing was changed.',
      documents: documents(),
    };
  if (invalidCount > 0 && !input.confirmPartial) {
    return {
      status: 'needs-confirmation',
      message: `${invalidCount} of ${planned.length} documents cannot be created. Nothing was created: confirm to create the other ${valid.length}.`,
      documents: documents(),
    };
  }
  let created = 0;
  for (const p of valid) {
    try {
      const stored = await post(context, p, false);
      const name = str(metadataOf(stored).name) ?? p.result.name;
      const changes = p.body ? diffObjects(undefined, stored, p.body) : [];
      // Every kind has a page now: Wheelhouse's own by plural, discovered ones group-qualified.
      const slug = p.r ? pageSlug(p.r) : '';
      const page =
        slug && name ? objectPage(context, p.result.namespace ?? ALL_NAMESPACES, slug, name) : undefined;
      p.result = {
        ...p.result,
        name,
        status: 'created',
        message: `${p.r?.kind} "${name}" created.`,
        changes,
        ...(page ? { page } : {}),
      };
      created++;
      auditWrite(
        { ...base(p), name, result: 'success', message: p.result.message, diff: diffText(changes) },
        { ...target(p), uid: str(metadataOf(stored).uid) },
      );
    } catch (e) {
      const doc = docs[p.result.index - 1];
      p.result = { ...failure(context, p, e, doc?.text ?? '', doc?.line ?? 1), status: 'failed' };
      auditWrite({ ...base(p), result: 'failure', message: p.result.message }, target(p));
    }
  }
  for (const p of planned) if (p.result.status === 'invalid') p.result.status = 'skipped';
  const failed = valid.length - created;
  const message = `Created ${created} of ${planned.length} document${planned.length === 1 ? '' : 's'}${failed ? `; ${failed} failed` : ''}${invalidCount ? `; ${invalidCount} skipped as invalid` : ''}.`;
  return { status: created === planned.length ? 'ok' : 'partial', message, documents: documents() };
}
