import { errorResponse } from '@/lib/kube/http';
import { type ObjectParams, parseObjectRef } from '@/lib/resources/manage/params';
import { deletePlan } from '@/lib/resources/manage/server/remove';

/** What a delete would take with it and what will hold it, for the confirmation. Changes nothing. */
export async function GET(_request: Request, { params }: { params: Promise<ObjectParams> }) {
  try {
    return Response.json(await deletePlan(parseObjectRef(await params)), {
      headers: { 'Cache-Control': 'no-store' },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
