import type { FetchError } from '@/components/use-live';

/** A refresh that failed: the page keeps the last data and says so, instead of going blank. */
export function LiveError({ error }: { error: FetchError | undefined }) {
  if (!error) return null;
  return (
    <p role="status" className="text-sm text-warn">
      Live refresh failed: {error.message} Showing the last data received.
    </p>
  );
}
