import { ManageBar } from '@/components/manage/manage-bar';
import { ScrollArea } from '@/components/ui/scroll-area';
import { Table, Td, Th } from '@/components/ui/table';
import { isAppError } from '@/lib/errors';
import { formatAge } from '@/lib/format';
import { kindBySlug } from '@/lib/resources/lists/kinds';
import { getObjectDetail, type ObjectDetail } from '@/lib/resources/objects/server/objects';

/** The Events and YAML sections every detail page ends with (managedFields hidden, Secret values never sent). */
export function ObjectEventsYaml({
  detail,
  slug,
  now,
  events = true,
  context,
}: {
  detail: ObjectDetail;
  slug: string;
  now: number;
  events?: boolean;
  /** With it, Edit and Delete (and the Terminating notice) come first. */
  context?: string;
}) {
  return (
    <>
      {context && detail.object.metadata?.name && (
        <ManageBar
          context={context}
          slug={slug}
          namespace={detail.object.metadata.namespace}
          name={detail.object.metadata.name}
          termination={detail.termination}
        />
      )}
      {events && (
        <section aria-labelledby="events-title" className="space-y-2">
          <h2 id="events-title" className="text-lg font-semibold">
            Events
          </h2>
          {detail.eventsError ? (
            <p className="text-sm text-warn">{detail.eventsError}</p>
          ) : detail.events.length === 0 ? (
            <p className="text-sm text-muted">No events for this object.</p>
          ) : (
            <Table aria-label="Events">
              <thead>
                <tr>
                  <Th>Last seen</Th>
                  <Th>Type</Th>
                  <Th>Reason</Th>
                  <Th>Message</Th>
                  <Th>Count</Th>
                </tr>
              </thead>
              <tbody>
                {detail.events.map((e) => (
                  <tr key={e.key}>
                    <Td className="tabular-nums">{formatAge(String(e.cells.lastSeen ?? ''), now)}</Td>
                    <Td className={e.cells.type === 'Warning' ? 'text-warn' : ''}>{String(e.cells.type)}</Td>
                    <Td>{String(e.cells.reason ?? '')}</Td>
                    <Td className="break-words">{String(e.cells.message ?? '')}</Td>
                    <Td className="tabular-nums">{String(e.cells.count)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
      )}
      <section aria-labelledby="yaml-title" className="space-y-2">
        <h2 id="yaml-title" className="text-lg font-semibold">
          YAML
        </h2>
        {slug === 'secrets' && (
          <p className="text-sm text-muted">Values are never shown here; key names and sizes are above.</p>
        )}
        <ScrollArea
          as="pre"
          label="YAML"
          className="max-h-[60vh] rounded border border-line bg-sunken p-3 font-mono text-xs"
        >
          {detail.yaml}
        </ScrollArea>
      </section>
    </>
  );
}

/**
 * For the pages built around one kind (Secrets, Services, rollouts…): reads the object's YAML and
 * events itself, so those pages keep their own data layer. A failure here only affects these sections.
 */
export async function ObjectExtras({
  context,
  slug,
  namespace,
  name,
  events = true,
}: {
  context: string;
  slug: string;
  namespace: string | undefined;
  name: string;
  events?: boolean;
}) {
  const kind = kindBySlug(slug);
  if (!kind) return null;
  let detail: ObjectDetail;
  try {
    detail = await getObjectDetail(context, kind, namespace, name);
  } catch (e) {
    return (
      <p role="status" className="text-sm text-warn">
        YAML and events could not be read: {isAppError(e) ? e.message : 'the cluster did not answer.'}
      </p>
    );
  }
  return <ObjectEventsYaml detail={detail} slug={slug} now={Date.now()} events={events} context={context} />;
}
