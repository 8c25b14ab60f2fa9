/**
 * The one error type that crosses from lib/ to routes and pages. `message` is always a sentence a
 * person can act on; raw client errors never travel further than `toAppError` because they can carry
 * request headers (bearer tokens) and response bodies.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, message: string, code = 'error') {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function badRequest(message: string): AppError {
  return new AppError(400, message, 'bad_request');
}

export function notFound(message: string): AppError {
  return new AppError(404, message, 'not_found');
}
