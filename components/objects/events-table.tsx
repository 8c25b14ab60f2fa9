import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import { formatAge } from '@/lib/format';
import type { EventView } from '@/lib/resources/pods/views';

export function EventsTable({
  events,
  now,
  label = 'Events',
  showObject = false,
}: {
  events: EventView[];
  now: number;
  label?: string;
  showObject?: boolean;
}) {
  if (events.length === 0) return <p className="text-sm text-muted">No events.</p>;
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>Type</Th>
          <Th>Reason</Th>
          {showObject && <Th>Object</Th>}
          <Th>Message</Th>
          <Th>Count</Th>
          <Th>Last seen</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.uid}>
            <Td>
              <Badge tone={e.type === 'Warning' ? 'warn' : 'neutral'}>{e.type}</Badge>
            </Td>
            <Td className="font-medium">{e.reason}</Td>
            {showObject && (
              <Td className="text-muted">
                {e.object.kind}/{e.object.name}
              </Td>
            )}
            <Td className="max-w-2xl break-words">{e.message}</Td>
            <Td className="tabular-nums">{e.count}</Td>
            <Td className="tabular-nums" title={e.lastSeen ?? undefined}>
              {formatAge(e.lastSeen, now)}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
