// The login and consent step of the test OpenID provider (ORY Hydra). Hydra owns the protocol
// (authorization endpoint, tokens, keys, discovery); it sends the browser here to ask who is
// signing in, and this app answers through Hydra's admin API, as any Hydra deployment's own
// login UI does. The people are fixed test identities, picked on a form; their groups go into the
// ID token, and the API server maps them (with the "oidc:" prefix) to RBAC subjects.
//
//   node oidc-login.mjs PORT ADMIN_URL
import http from 'node:http';

const [port, admin] = [Number(process.argv[2]), process.argv[3]];
if (!port || !admin) {
  console.error('usage: node oidc-login.mjs PORT ADMIN_URL');
  process.exit(2);
}

/** Test identities: the API server sees oidc:<subject> in groups oidc:<group>. */
const PEOPLE = {
  ada: { name: 'Ada Viewer', email: 'ada@wheelhouse.test', groups: ['viewers'] },
  eve: { name: 'Eve Outsider', email: 'eve@wheelhouse.test', groups: ['outsiders'] },
};

async function hydra(method, path, body) {
  const res = await fetch(`${admin}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Hydra ${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, title, body) {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body><main><h1>${esc(title)}</h1>${body}</main></body></html>`);
}

function redirect(res, to) {
  res.writeHead(303, { Location: to, 'Cache-Control': 'no-store' });
  res.end();
}

async function form(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

async function login(req, res, url) {
  if (req.method === 'GET') {
    const challenge = url.searchParams.get('login_challenge') ?? '';
    const ask = await hydra(
      'GET',
      `/admin/oauth2/auth/requests/login?login_challenge=${encodeURIComponent(challenge)}`,
    );
    // Hydra remembers an earlier login in its own session cookie: then it only needs confirming.
    if (ask.skip) {
      const done = await hydra(
        'PUT',
        `/admin/oauth2/auth/requests/login/accept?login_challenge=${encodeURIComponent(challenge)}`,
        { subject: ask.subject },
      );
      return redirect(res, done.redirect_to);
    }
    const options = Object.entries(PEOPLE)
      .map(
        ([id, p], i) =>
          `<p><label><input type="radio" name="subject" value="${id}"${i === 0 ? ' checked' : ''}> ${esc(p.name)} (${id})</label></p>`,
      )
      .join('');
    return page(
      res,
      'Test identity provider: sign in',
      `<form method="post" action="/login">
<input type="hidden" name="challenge" value="${esc(challenge)}"><fieldset><legend>Who are you?</legend>${options}</fieldset>
<button type="submit">Sign in as this person</button></form>`,
    );
  }
  const f = await form(req);
  const subject = f.get('subject') ?? '';
  if (!Object.hasOwn(PEOPLE, subject))
    return page(res, 'Unknown person', '<p>Pick one of the listed people.</p>');
  const done = await hydra(
    'PUT',
    `/admin/oauth2/auth/requests/login/accept?login_challenge=${encodeURIComponent(f.get('challenge') ?? '')}`,
    {
      subject,
      remember: true,
      remember_for: 3600,
    },
  );
  redirect(res, done.redirect_to);
}

// First-party client: consent is granted at once, with the person's claims in the ID token.
async function consent(res, url) {
  const challenge = encodeURIComponent(url.searchParams.get('consent_challenge') ?? '');
  const ask = await hydra('GET', `/admin/oauth2/auth/requests/consent?consent_challenge=${challenge}`);
  const p = PEOPLE[ask.subject];
  if (!p) throw new Error(`unknown subject ${ask.subject}`);
  const done = await hydra(
    'PUT',
    `/admin/oauth2/auth/requests/consent/accept?consent_challenge=${challenge}`,
    {
      grant_scope: ask.requested_scope,
      grant_access_token_audience: ask.requested_access_token_audience,
      remember: false,
      session: { id_token: { name: p.name, email: p.email, email_verified: true, groups: p.groups } },
    },
  );
  redirect(res, done.redirect_to);
}

async function logout(res, url) {
  const challenge = encodeURIComponent(url.searchParams.get('logout_challenge') ?? '');
  const done = await hydra('PUT', `/admin/oauth2/auth/requests/logout/accept?logout_challenge=${challenge}`);
  redirect(res, done.redirect_to);
}

http
  .createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    try {
      if (url.pathname === '/login') return await login(req, res, url);
      if (url.pathname === '/consent') return await consent(res, url);
      if (url.pathname === '/logout') return await logout(res, url);
      if (url.pathname === '/healthz') return page(res, 'ok', '');
      res.writeHead(404).end();
    } catch (e) {
      console.error(e);
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end(String(e.message ?? e));
    }
  })
  .listen(port, '127.0.0.1', () => console.log(`login and consent app on http://127.0.0.1:${port}`));
