import { type NextRequest, NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { parseScope } from '@/lib/params';

/**
 * Rejects malformed scope segments with a real 400 before any page renders: a server component
 * can only produce 404 or 500, and a bad namespace in a shared link deserves a clear "why".
 */
export function proxy(request: NextRequest) {
  const parts = request.nextUrl.pathname.split('/');
  const isApi = parts[1] === 'api';
  const [context, namespace] = isApi ? [parts[3], parts[4]] : [parts[2], parts[3]];
  if (context === undefined || namespace === undefined) return NextResponse.next();
  try {
    parseScope({ context, namespace });
  } catch (e) {
    const message = e instanceof AppError ? e.message : 'The address is not valid.';
    if (isApi) {
      return NextResponse.json({ error: { status: 400, code: 'bad_request', message } }, { status: 400 });
    }
    return new NextResponse(badRequestPage(message), {
      status: 400,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    });
  }
  return NextResponse.next();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function badRequestPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad address · Wheelhouse</title>
<meta name="color-scheme" content="light dark"></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<main><h1>Bad address</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/">Go to the current context</a></p></main>
</body></html>`;
}

export const config = {
  matcher: ['/c/:path*', '/api/c/:path*'],
};
