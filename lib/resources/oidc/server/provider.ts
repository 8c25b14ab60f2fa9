import fs from 'node:fs';
import * as oidc from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { serverEnv } from '../../../env';
import { AppError } from '../../../errors';
import { FLOW_SECONDS, type Flow, type ProviderTokens, redirectUri } from '../session';

/**
 * The OpenID provider, through openid-client: discovery, the authorization URL (PKCE S256, state,
 * nonce), the code exchange with every check the library makes (issuer, audience, signature, nonce,
 * state), refresh, revocation and the end-session URL. Server code only, without `server-only`:
 * proxy.ts refreshes sessions through it.
 */

const shared = globalThis as typeof globalThis & {
  __wheelhouseOidc?: { source: string; config: Promise<oidc.Configuration> };
};

export const PROVIDER_DOWN =
  'The sign-in provider could not be reached or refused the request. Try again in a moment.';

/** A private provider's CA: undici's fetch with that CA only for the provider's requests. */
function fetchWithCa(caFile: string): oidc.CustomFetch {
  let ca: string;
  try {
    ca = fs.readFileSync(caFile, 'utf8');
  } catch {
    throw new AppError(500, `WHEELHOUSE_OIDC_CA_FILE ${caFile} cannot be read.`, 'misconfigured');
  }
  const dispatcher = new Agent({ connect: { ca } });
  return (url, options) =>
    undiciFetch(url, { ...options, dispatcher } as Parameters<
      typeof undiciFetch
    >[1]) as unknown as Promise<Response>;
}

/** The provider's configuration, discovered once per settings (a failed discovery is retried next time). */
export function providerConfig(): Promise<oidc.Configuration> {
  const env = serverEnv();
  const issuer = env.WHEELHOUSE_OIDC_ISSUER_URL;
  const clientId = env.WHEELHOUSE_OIDC_CLIENT_ID;
  if (!issuer || !clientId) throw new AppError(500, 'OIDC sign-in is not configured.', 'misconfigured');
  const secret = env.WHEELHOUSE_OIDC_CLIENT_SECRET;
  const caFile = env.WHEELHOUSE_OIDC_CA_FILE;
  const source = JSON.stringify([issuer, clientId, secret ?? '', caFile ?? '']);
  if (shared.__wheelhouseOidc?.source === source) return shared.__wheelhouseOidc.config;
  const custom = caFile ? fetchWithCa(caFile) : undefined;
  const config = oidc
    .discovery(new URL(issuer), clientId, undefined, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), {
      ...(custom ? { [oidc.customFetch]: custom } : {}),
      // An http issuer is only accepted on loopback (see lib/env.ts).
      execute: new URL(issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
    })
    .catch((e: unknown) => {
      shared.__wheelhouseOidc = undefined;
      console.error('[wheelhouse] OIDC discovery failed', e instanceof Error ? e.message : e);
      throw new AppError(503, PROVIDER_DOWN, 'provider_unavailable');
    });
  shared.__wheelhouseOidc = { source, config };
  return config;
}

/** A new flow (state, nonce, PKCE verifier) and the provider URL that starts it. */
export async function startSignIn(next: string): Promise<{ url: URL; flow: Flow }> {
  const config = await providerConfig();
  const env = serverEnv();
  const verifier = oidc.randomPKCECodeVerifier();
  const flow: Flow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier,
    next,
    exp: Math.floor(Date.now() / 1000) + FLOW_SECONDS,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(env.WHEELHOUSE_PUBLIC_URL),
    scope: env.WHEELHOUSE_OIDC_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url, flow };
}

function tokensOf(r: oidc.TokenEndpointResponse): ProviderTokens {
  if (!r.id_token) throw new AppError(502, 'The sign-in provider returned no ID token.', 'provider_error');
  return { idToken: r.id_token, refreshToken: r.refresh_token };
}

/**
 * Exchanges the code of a callback (whose query is `search`) for tokens. The URL is rebuilt on the
 * public address, which is what the provider redirected to, whatever Host the request came with.
 */
export async function finishSignIn(search: string, flow: Flow): Promise<ProviderTokens> {
  const config = await providerConfig();
  const current = new URL(redirectUri(serverEnv().WHEELHOUSE_PUBLIC_URL));
  current.search = search;
  try {
    const r = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    return tokensOf(r);
  } catch (e) {
    if (e instanceof AppError) throw e;
    // The provider's own refusal (access_denied: the person cancelled) is worth showing as is.
    const why = e instanceof oidc.AuthorizationResponseError ? e.error_description || e.error : undefined;
    console.error('[wheelhouse] OIDC callback refused', e instanceof Error ? e.message : e);
    throw new AppError(
      401,
      why
        ? `The sign-in provider refused: ${why.slice(0, 200)}`
        : 'The sign-in could not be completed. Start again.',
      'unauthenticated',
    );
  }
}

/** New tokens for a refresh token; undefined when the provider refuses it (revoked, expired). */
export async function refreshTokens(refreshToken: string): Promise<ProviderTokens | undefined> {
  const config = await providerConfig();
  try {
    return tokensOf(await oidc.refreshTokenGrant(config, refreshToken));
  } catch (e) {
    if (e instanceof oidc.ResponseBodyError) return undefined;
    throw new AppError(503, PROVIDER_DOWN, 'provider_unavailable');
  }
}

/** Revokes a refresh token at the provider, where it advertises a revocation endpoint. Best effort. */
export async function revokeRefreshToken(refreshToken: string): Promise<void> {
  try {
    const config = await providerConfig();
    if (!config.serverMetadata().revocation_endpoint) return;
    await oidc.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
  } catch (e) {
    console.error('[wheelhouse] OIDC token revocation failed', e instanceof Error ? e.message : e);
  }
}

/** The provider's end-session URL (RP-initiated logout), or undefined when it advertises none. */
export async function endSessionUrl(idToken: string, after: string): Promise<string | undefined> {
  try {
    const config = await providerConfig();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: after }).href;
  } catch {
    return undefined;
  }
}
