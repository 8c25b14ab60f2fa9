import { ObjectLink } from '@/components/objects/object-link';
import { Muted } from '@/components/ui/detail';
import { Table, Td, Th } from '@/components/ui/table';
import type { UsedBy } from '@/lib/resources/objects/usage';

/** "Used by" table for a Secret, ConfigMap or claim; `gaps` say which lists could not be read. */
export function UsedByTable({
  context,
  items,
  gaps,
  what,
}: {
  context: string;
  items: UsedBy[];
  gaps: string[];
  what: string;
}) {
  return (
    <div className="space-y-2">
      {items.length === 0 ? (
        <Muted>No workload or pod in this namespace uses this {what}.</Muted>
      ) : (
        <Table aria-label="Used by">
          <thead>
            <tr>
              <Th>Kind</Th>
              <Th>Name</Th>
              <Th>How</Th>
              <Th>Containers</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={`${u.kind}/${u.name}`}>
                <Td>{u.kind}</Td>
                <Td>
                  <ObjectLink context={context} namespace={u.namespace} kind={u.kind} name={u.name} />
                </Td>
                <Td>{u.via.join(', ')}</Td>
                <Td>{u.containers.join(', ') || '—'}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {gaps.map((g) => (
        <p key={g} className="text-xs text-warn">
          Incomplete: {g}
        </p>
      ))}
    </div>
  );
}
