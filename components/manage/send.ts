/** Browser-side JSON calls of the manage routes: outcome bodies come back on 2xx, 409 and 422 alike. */

export interface SendError {
  status: number;
  code: string;
  message: string;
}

export type Sent<T> = { ok: true; status: number; data: T } | { ok: false; error: SendError };

export async function send<T>(
  url: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  body?: unknown,
): Promise<Sent<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body !== undefined ? { 'Content-Type': 'application/json' } : undefined,
      body: body !== undefined ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    });
  } catch {
    return { ok: false, error: { status: 0, code: 'network', message: 'Wheelhouse could not be reached.' } };
  }
  const json: unknown = await res.json().catch(() => null);
  const err = (json as { error?: Partial<SendError> } | null)?.error;
  if (err || json === null) {
    return {
      ok: false,
      error: {
        status: res.status,
        code: err?.code ?? 'error',
        message: err?.message ?? `Request failed (${res.status}).`,
      },
    };
  }
  return { ok: true, status: res.status, data: json as T };
}
