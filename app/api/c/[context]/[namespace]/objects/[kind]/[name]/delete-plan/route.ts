import { errorResponse } from '@/lib/http';
import { deletePlan } from '@/lib/k8s/manage/remove';
import { type ObjectParams, parseObjectRef } from '@/lib/manage-params';

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
