import { errorResponse } from '@/lib/kube/http';
import { parseNamedScope } from '@/lib/named-scope';
import { assertSameOrigin } from '@/lib/origin';
import { cronJobActionBody } from '@/lib/resources/cronjobs/cronjob-params';
import { setSuspended } from '@/lib/resources/cronjobs/server/cronjob-actions';
import { parseBody } from '@/lib/resources/workloads/params';

type Params = { context: string; namespace: string; name: string };

export async function POST(request: Request, { params }: { params: Promise<Params> }) {
  try {
    assertSameOrigin(request);
    const t = parseNamedScope(await params);
    const body = await parseBody(request, cronJobActionBody);
    return Response.json(await setSuspended(t, false, body.reason));
  } catch (e) {
    return errorResponse(e);
  }
}
