import { Callout } from '@/components/ui/callout';
import { isAppError } from '@/lib/errors';

const titles: Record<string, string> = {
  forbidden: 'Not allowed',
  unreachable: 'Cluster unreachable',
  timeout: 'Cluster not answering',
  unauthorized: 'Credentials rejected',
};

/** Renders a failed load as a sentence, never a stack trace; unknown errors get a generic one. */
export function ErrorState({ error, context }: { error: unknown; context: string }) {
  const known = isAppError(error);
  const title = (known && titles[error.code]) || 'Could not load';
  const message = known ? error.message : `Loading from context "${context}" failed unexpectedly.`;
  return (
    <Callout
      tone={known && error.status < 500 && error.code !== 'forbidden' ? 'warning' : 'danger'}
      title={title}
    >
      <p>{message}</p>
    </Callout>
  );
}
