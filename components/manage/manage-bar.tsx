import { ObjectActions } from '@/components/manage/object-actions';
import { TerminationNotice } from '@/components/manage/termination-notice';
import { canI } from '@/lib/kube/access';
import { editPath, listPath, objectApi } from '@/lib/links';
import { cacheKind } from '@/lib/live/cache-kinds';
import { ALL_NAMESPACES } from '@/lib/paths';
import { resourceOf } from '@/lib/resources/lists/kinds';
import type { Termination } from '@/lib/resources/manage/holds';

/**
 * The manage hook of every detail page (through ObjectEventsYaml): Edit and Delete, gated by the
 * access review, and the Terminating notice. A failed review leaves the controls disabled.
 */
export async function ManageBar({
  context,
  slug,
  namespace,
  name,
  termination,
}: {
  context: string;
  slug: string;
  namespace: string | undefined;
  name: string;
  termination?: Termination;
}) {
  // Discovered kinds were registered when the page resolved its URL.
  const kind = cacheKind(slug, context);
  if (!kind) return null;
  const ns = kind.namespaced ? namespace : undefined;
  const ask = (verb: 'update' | 'delete') =>
    canI(context, { verb, group: kind.group, resource: resourceOf(kind), namespace: ns, name }).catch(
      (e: unknown) => ({
        allowed: false,
        reason: e instanceof Error ? e.message : 'The access review failed.',
      }),
    );
  const [canUpdate, canDelete] = await Promise.all([ask('update'), ask('delete')]);
  const segment = ns ?? ALL_NAMESPACES;
  return (
    <div className="space-y-3">
      {termination && <TerminationNotice termination={termination} kind={kind.kind} />}
      <ObjectActions
        editHref={editPath(context, segment, slug, name)}
        api={objectApi(context, segment, slug, name)}
        listHref={listPath(context, segment, slug)}
        canUpdate={canUpdate}
        canDelete={canDelete}
      />
    </div>
  );
}
