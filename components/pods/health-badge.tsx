import { Badge, type BadgeTone } from '@/components/ui/badge';
import { type PodHealth, type Severity, STATE_LABEL, type WorkloadHealth } from '@/lib/resources/pods/health';

export const severityTone: Record<Severity, BadgeTone> = {
  ok: 'good',
  warning: 'warn',
  error: 'bad',
  neutral: 'neutral',
};

export function HealthBadge({ health }: { health: PodHealth }) {
  return (
    <Badge tone={severityTone[health.severity]} title={health.summary}>
      {STATE_LABEL[health.state]}
    </Badge>
  );
}

const workloadTone: Record<WorkloadHealth, BadgeTone> = { healthy: 'good', degraded: 'warn', failing: 'bad' };

export function WorkloadHealthBadge({ health, title }: { health: WorkloadHealth; title?: string }) {
  return (
    <Badge tone={workloadTone[health]} title={title}>
      {health}
    </Badge>
  );
}
