/** Browser-side POST/GET to our own JSON routes; errors come back as the server's sentence. */

export interface ActionError {
  status: number;
  code: string;
  message: string;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export async function callJson<T>(
  url: string,
  init?: { method?: 'GET' | 'POST'; body?: unknown },
): Promise<ActionResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init?.method ?? 'GET',
      headers: init?.body !== undefined ? { 'Content-Type': 'application/json' } : undefined,
      body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
      cache: 'no-store',
    });
  } catch {
    return { ok: false, error: { status: 0, code: 'network', message: 'Wheelhouse could not be reached.' } };
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: json as T };
  const err = (json as { error?: Partial<ActionError> } | null)?.error;
  return {
    ok: false,
    error: {
      status: res.status,
      code: err?.code ?? 'error',
      message: err?.message ?? `Request failed (${res.status}).`,
    },
  };
}
