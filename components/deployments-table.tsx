import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import { formatAge } from '@/lib/format';
import type { DeploymentRow } from '@/lib/k8s/views';
import { scopePath } from '@/lib/paths';

function readiness(r: DeploymentRow): 'good' | 'warn' | 'bad' {
  if (r.desired === 0 || r.ready >= r.desired) return 'good';
  return r.ready === 0 ? 'bad' : 'warn';
}

export function DeploymentsTable({
  rows,
  showNamespace,
  now,
  context,
}: {
  rows: DeploymentRow[];
  showNamespace: boolean;
  now: number;
  /** When given, names link to each Deployment's rollout page. */
  context?: string;
}) {
  if (rows.length === 0) {
    return <p className="text-sm text-muted">No Deployments here.</p>;
  }
  return (
    <Table aria-label="Deployments">
      <thead>
        <tr>
          {showNamespace && <Th>Namespace</Th>}
          <Th>Name</Th>
          <Th>Ready</Th>
          <Th>Up-to-date</Th>
          <Th>Available</Th>
          <Th>Age</Th>
          <Th>Images</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.uid} data-key={`${r.namespace}/${r.name}`}>
            {showNamespace && <Td className="text-muted">{r.namespace}</Td>}
            <Td className="font-medium">
              {context ? (
                <Link href={scopePath(context, r.namespace, `deployments/${r.name}`)}>{r.name}</Link>
              ) : (
                r.name
              )}
              {r.paused && (
                <span className="ml-2">
                  <Badge tone="warn">paused</Badge>
                </span>
              )}
            </Td>
            <Td>
              <Badge tone={readiness(r)} title={`${r.ready} ready of ${r.desired} desired`}>
                {r.ready}/{r.desired}
              </Badge>
            </Td>
            <Td className="tabular-nums">{r.upToDate}</Td>
            <Td className="tabular-nums">{r.available}</Td>
            <Td className="tabular-nums" title={r.createdAt ?? undefined}>
              {formatAge(r.createdAt, now)}
            </Td>
            <Td className="font-mono text-xs break-all">
              {r.images.map((img) => (
                <div key={img}>{img}</div>
              ))}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
