import 'server-only';
import { AppError } from '../errors';

/**
 * The one place route handlers turn errors into responses. Unknown errors are logged here and
 * answered with a generic sentence: their text can carry tokens, headers or bodies.
 */
export function errorResponse(e: unknown): Response {
  const err =
    e instanceof AppError
      ? e
      : new AppError(500, 'Something went wrong on the Wheelhouse server; it has been logged.');
  if (!(e instanceof AppError)) console.error('[wheelhouse] unexpected error', e);
  return Response.json(
    { error: { status: err.status, code: err.code, message: err.message } },
    { status: err.status, headers: { 'Cache-Control': 'no-store' } },
  );
}
