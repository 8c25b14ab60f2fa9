import Link from 'next/link';
import { Callout } from '@/components/ui/callout';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-2xl p-10">
      <Callout tone="warning" title="Not found">
        <p>There is nothing at this address: the context, namespace or object does not exist.</p>
        <p className="mt-2">
          <Link className="underline" href="/">
            Go to the current context
          </Link>
        </p>
      </Callout>
    </main>
  );
}
