import { errorResponse } from '@/lib/kube/http';
import { assertSameOrigin } from '@/lib/origin';
import {
  deleteBody,
  editBody,
  type ObjectParams,
  parseCappedBody,
  parseObjectRef,
} from '@/lib/resources/manage/params';
import { editObject, getEditSource } from '@/lib/resources/manage/server/edit';
import { deleteObject } from '@/lib/resources/manage/server/remove';

type Ctx = { params: Promise<ObjectParams> };
const STATUS = { ok: 200, conflict: 409, invalid: 422 } as const;
const noStore = { 'Cache-Control': 'no-store' };

/** The object as the editor shows it (Secret values never included), with its resourceVersion. */
export async function GET(_request: Request, { params }: Ctx) {
  try {
    return Response.json(await getEditSource(parseObjectRef(await params)), { headers: noStore });
  } catch (e) {
    return errorResponse(e);
  }
}

/** An edit: `mode: "dry-run"` answers with the diff the API server would store, `"apply"` saves it. */
export async function PUT(request: Request, { params }: Ctx) {
  try {
    assertSameOrigin(request);
    const ref = parseObjectRef(await params);
    const outcome = await editObject(ref, await parseCappedBody(request, editBody));
    return Response.json(outcome, { status: STATUS[outcome.status], headers: noStore });
  } catch (e) {
    return errorResponse(e);
  }
}

export async function DELETE(request: Request, { params }: Ctx) {
  try {
    assertSameOrigin(request);
    const ref = parseObjectRef(await params);
    return Response.json(await deleteObject(ref, await parseCappedBody(request, deleteBody)), {
      headers: noStore,
    });
  } catch (e) {
    return errorResponse(e);
  }
}
