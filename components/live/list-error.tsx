import { Callout } from '@/components/ui/callout';
import type { ErrorInfo } from '@/lib/live/protocol';

const titles: Record<string, string> = {
  forbidden: 'Not allowed',
  unreachable: 'Cluster unreachable',
  timeout: 'Cluster not answering',
  unauthorized: 'Credentials rejected',
};

/** A list that could not be loaded, as the sentence the server wrote (never an empty table). */
export function ListError({ error }: { error: ErrorInfo }) {
  return (
    <Callout
      tone={error.status < 500 && error.code !== 'forbidden' ? 'warning' : 'danger'}
      title={titles[error.code] ?? 'Could not load'}
    >
      <p>{error.message}</p>
    </Callout>
  );
}
