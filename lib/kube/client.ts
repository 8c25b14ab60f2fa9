import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ApiConstructor, type ApiType, KubeConfig, type User } from '@kubernetes/client-node';
import { authMode, serverEnv, signsIn } from '../env';
import { AppError } from '../errors';
import { requireSession } from './session';

/**
 * The only module that reads kubeconfig (or the in-cluster ServiceAccount files). Everything else asks
 * for an API client by context name, so credentials never leave this file.
 *
 * Whose credentials: in local mode the kubeconfig's; in token mode the signed-in person's, taken
 * from the session cookie at the moment each request goes to the cluster. There is no fallback to
 * the dashboard's own identity in token mode: without a session the call fails with 401. A caller
 * may also pass an explicit principal (sign-in checks a token before there is a session).
 */

export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  server: string;
  defaultNamespace: string;
}

/** Credentials given explicitly for one call. */
export interface Principal {
  token: string;
}

/** The context name the dashboard uses for its own cluster when it runs inside one. */
export const IN_CLUSTER_CONTEXT = 'in-cluster';
const SESSION_AUTH = 'wheelhouse-session';
type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

interface Loaded {
  kc: KubeConfig;
  source: string;
  mtimeMs: number;
}

let loaded: Loaded | undefined;
const perContext = new Map<string, KubeConfig>();
const clients = new Map<string, unknown>();
const perPrincipal = new Map<string, KubeConfig>();

function kubeconfigPath(): string | undefined {
  const env = process.env.KUBECONFIG?.split(path.delimiter).find((p) => p.length > 0);
  if (env) return env;
  const home = path.join(os.homedir(), '.kube', 'config');
  return fs.existsSync(home) ? home : undefined;
}

/** The mounted ServiceAccount, as client-node's loadFromCluster builds it, with overridable paths. */
function inClusterConfig(): KubeConfig | undefined {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) return undefined;
  const env = serverEnv();
  const kc = new KubeConfig();
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const nsFile = path.join(path.dirname(env.WHEELHOUSE_SA_TOKEN_FILE), 'namespace');
  const namespace = fs.existsSync(nsFile) ? fs.readFileSync(nsFile, 'utf8').trim() : undefined;
  kc.loadFromOptions({
    clusters: [{ name: IN_CLUSTER_CONTEXT, server, caFile: env.WHEELHOUSE_SA_CA_FILE, skipTLSVerify: false }],
    // The tokenFile provider re-reads the file, so projected-token rotation keeps working.
    users: [
      {
        name: IN_CLUSTER_CONTEXT,
        authProvider: { name: 'tokenFile', config: { tokenFile: env.WHEELHOUSE_SA_TOKEN_FILE } },
      },
    ],
    contexts: [
      { name: IN_CLUSTER_CONTEXT, cluster: IN_CLUSTER_CONTEXT, user: IN_CLUSTER_CONTEXT, namespace },
    ],
    currentContext: IN_CLUSTER_CONTEXT,
  });
  return kc;
}

function load(): Loaded | undefined {
  const file = kubeconfigPath();
  if (!file) {
    if (loaded?.source === IN_CLUSTER_CONTEXT) return loaded;
    const kc = inClusterConfig();
    if (!kc) return undefined;
    loaded = { kc, source: IN_CLUSTER_CONTEXT, mtimeMs: 0 };
    return loaded;
  }
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    throw new AppError(500, `The kubeconfig file ${file} (from KUBECONFIG) does not exist.`, 'no_kubeconfig');
  }
  // Reload when the file changes (kubectl config use-context, a new cluster) without a restart.
  if (loaded && loaded.source === file && loaded.mtimeMs === mtimeMs) return loaded;
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch {
    throw new AppError(500, `The kubeconfig file ${file} could not be read or parsed.`, 'bad_kubeconfig');
  }
  loaded = { kc, source: file, mtimeMs };
  perContext.clear();
  clients.clear();
  perPrincipal.clear();
  return loaded;
}

export function kubeconfigSource(): string | undefined {
  return load()?.source;
}

function allContexts(l: Loaded): ContextInfo[] {
  return l.kc
    .getContexts()
    .map((c) => ({
      name: c.name,
      cluster: c.cluster,
      user: c.user,
      server: l.kc.getCluster(c.cluster)?.server ?? '',
      defaultNamespace: c.namespace ?? 'default',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function listContexts(): ContextInfo[] {
  const l = load();
  if (!l) return [];
  const all = allContexts(l);
  if (authMode() === 'local') return all;
  // Token mode serves one cluster, the current context's, with the person's own credentials.
  const current = all.find((c) => c.name === l.kc.getCurrentContext()) ?? all[0];
  return current ? [{ ...current, user: '' }] : [];
}

export function currentContext(): ContextInfo | undefined {
  const l = load();
  if (!l) return undefined;
  const all = listContexts();
  return all.find((c) => c.name === l.kc.getCurrentContext()) ?? all[0];
}

export function getContext(name: string): ContextInfo {
  const found = listContexts().find((c) => c.name === name);
  if (!found) throw new AppError(404, `There is no context "${name}" in the kubeconfig.`, 'unknown_context');
  return found;
}

/** Puts the signed-in person's token on every request, read when the request is made. */
const sessionAuthenticator: Authenticator = {
  isAuthProvider: (user: User) => user.authProvider?.name === SESSION_AUTH,
  applyAuthentication: async (_user, opts) => {
    const session = await requireSession();
    opts.headers = { ...opts.headers, Authorization: `Bearer ${session.token}` };
  },
};

/** The context's cluster (server, CA, TLS settings) with a user that carries no credentials of its own. */
function clusterOnly(l: Loaded, context: string, user: User): KubeConfig {
  const ctx = l.kc.getContextObject(context);
  const cluster = ctx ? l.kc.getCluster(ctx.cluster) : null;
  if (!ctx || !cluster)
    throw new AppError(404, `There is no context "${context}" in the kubeconfig.`, 'unknown_context');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [user],
    contexts: [{ name: context, cluster: cluster.name, user: user.name, namespace: ctx.namespace }],
    currentContext: context,
  });
  kc.addAuthenticator(sessionAuthenticator);
  return kc;
}

function loadedOrThrow(): Loaded {
  const l = load();
  if (!l)
    throw new AppError(
      503,
      'No kubeconfig was found: set KUBECONFIG or start the local cluster.',
      'no_kubeconfig',
    );
  return l;
}

function configFor(context: string, principal?: Principal): KubeConfig {
  const l = loadedOrThrow();
  getContext(context);
  if (principal) {
    const key = `${context}\u0000${createHash('sha256').update(principal.token).digest('hex')}`;
    let kc = perPrincipal.get(key);
    if (!kc) {
      // Bounded: one entry per recent sign-in check, not per request.
      if (perPrincipal.size >= 64) perPrincipal.delete(perPrincipal.keys().next().value ?? '');
      kc = clusterOnly(l, context, { name: 'principal', token: principal.token });
      perPrincipal.set(key, kc);
    }
    return kc;
  }
  let kc = perContext.get(context);
  if (!kc) {
    if (signsIn(authMode())) {
      kc = clusterOnly(l, context, { name: SESSION_AUTH, authProvider: { name: SESSION_AUTH, config: {} } });
    } else {
      kc = new KubeConfig();
      kc.loadFromString(l.kc.exportConfig());
      kc.setCurrentContext(context);
    }
    perContext.set(context, kc);
  }
  return kc;
}

/**
 * A typed API client (CoreV1Api, AppsV1Api, …) for one context, cached per context. Without a
 * principal it acts for whoever the request is for (see the top of this file).
 */
export function apiClient<T extends ApiType>(
  context: string,
  Api: ApiConstructor<T>,
  principal?: Principal,
): T {
  if (principal) return configFor(context, principal).makeApiClient(Api);
  const key = `${context}\u0000${Api.name}`;
  const hit = clients.get(key) as T | undefined;
  if (hit) return hit;
  const client = configFor(context).makeApiClient(Api);
  clients.set(key, client);
  return client;
}

/** The KubeConfig for a context, for client-node helpers that take one (Watch, Log). */
export function kubeConfig(context: string, principal?: Principal): KubeConfig {
  return configFor(context, principal);
}

/**
 * The dashboard's OWN identity (kubeconfig user or mounted ServiceAccount), for one purpose only:
 * writing audit Events, which people usually may not create. Never use it to act for a person.
 */
export function dashboardApiClient<T extends ApiType>(context: string, Api: ApiConstructor<T>): T {
  const l = loadedOrThrow();
  getContext(context);
  const key = `dashboard\u0000${context}\u0000${Api.name}`;
  const hit = clients.get(key) as T | undefined;
  if (hit) return hit;
  const kc = new KubeConfig();
  kc.loadFromString(l.kc.exportConfig());
  kc.setCurrentContext(context);
  const client = kc.makeApiClient(Api);
  clients.set(key, client);
  return client;
}
