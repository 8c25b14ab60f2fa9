import type { LiveError as LiveErrorInfo } from '@/components/live/use-live';

/** A live view that failed: the page keeps the last data and says so, instead of going blank. */
export function LiveError({ error }: { error: LiveErrorInfo | undefined }) {
  if (!error) return null;
  return (
    <p role="status" className="text-sm text-warn">
      Live updates failed: {error.message} Showing the last data received.
    </p>
  );
}
