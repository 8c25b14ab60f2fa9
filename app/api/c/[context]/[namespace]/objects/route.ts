import { errorResponse } from '@/lib/kube/http';
import { assertSameOrigin } from '@/lib/origin';
import { parseScope } from '@/lib/params';
import { createBody, parseCappedBody } from '@/lib/resources/manage/params';
import { createFromYaml } from '@/lib/resources/manage/server/create';

const STATUS = { ok: 200, partial: 200, 'needs-confirmation': 409, invalid: 422 } as const;

/** Create from YAML: `mode: "dry-run"` checks every document, `"apply"` creates them in order. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ context: string; namespace: string }> },
) {
  try {
    assertSameOrigin(request);
    const scope = parseScope(await params);
    const outcome = await createFromYaml(
      scope.context,
      scope.namespace,
      await parseCappedBody(request, createBody),
    );
    return Response.json(outcome, {
      status: STATUS[outcome.status],
      headers: { 'Cache-Control': 'no-store' },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
