import { completeSignIn } from '@/lib/resources/oidc/server/callback';

/** Where the provider sends the browser back with the authorization code. */
export async function GET(request: Request) {
  return completeSignIn(request);
}
