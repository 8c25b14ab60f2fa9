/** Liveness of the dashboard process itself; it says nothing about any cluster. */
export function GET() {
  return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
}
