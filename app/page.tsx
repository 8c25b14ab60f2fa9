import { redirect } from 'next/navigation';
import { Callout } from '@/components/ui/callout';
import { isAppError } from '@/lib/errors';
import { currentContext } from '@/lib/kube/client';
import { scopePath } from '@/lib/params';

export const dynamic = 'force-dynamic';

export default function Home() {
  let ctx: ReturnType<typeof currentContext>;
  let problem: string | undefined;
  try {
    ctx = currentContext();
  } catch (e) {
    problem = isAppError(e) ? e.message : 'The kubeconfig could not be read.';
  }
  if (ctx) redirect(scopePath(ctx.name, ctx.defaultNamespace, 'deployments'));
  return (
    <main className="mx-auto max-w-2xl p-10">
      <h1 className="mb-4 text-2xl font-semibold">Wheelhouse</h1>
      <Callout tone="warning" title="No cluster to show">
        <p>{problem ?? 'No kubeconfig was found, so there is no cluster to connect to.'}</p>
        <p className="mt-2">
          Set <code>KUBECONFIG</code> to your cluster&apos;s kubeconfig, or run <code>npm start</code> without
          one to start a local cluster with sample workloads.
        </p>
      </Callout>
    </main>
  );
}
