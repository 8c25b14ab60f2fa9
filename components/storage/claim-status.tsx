import { Badge, type BadgeTone } from '@/components/ui/badge';

const tones: Record<string, BadgeTone> = { Bound: 'good', Pending: 'warn', Lost: 'bad' };

export function ClaimPhase({ phase }: { phase: string }) {
  return <Badge tone={tones[phase] ?? 'bad'}>{phase}</Badge>;
}
