import 'server-only';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ApiConstructor, type ApiType, KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../errors';

/**
 * The only module that reads kubeconfig. Everything else asks for an API client by context name, so
 * that credentials never leave this file and a future sign-in mode only has to change `configFor`.
 */

export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  server: string;
  defaultNamespace: string;
}

interface Loaded {
  kc: KubeConfig;
  source: string;
  mtimeMs: number;
}

let loaded: Loaded | undefined;
const perContext = new Map<string, KubeConfig>();
const clients = new Map<string, unknown>();

function kubeconfigPath(): string | undefined {
  const env = process.env.KUBECONFIG?.split(path.delimiter).find((p) => p.length > 0);
  if (env) return env;
  const home = path.join(os.homedir(), '.kube', 'config');
  return fs.existsSync(home) ? home : undefined;
}

function load(): Loaded | undefined {
  const file = kubeconfigPath();
  if (!file) return undefined;
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
  return loaded;
}

export function kubeconfigSource(): string | undefined {
  return load()?.source;
}

export function listContexts(): ContextInfo[] {
  const l = load();
  if (!l) return [];
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

function configFor(context: string): KubeConfig {
  const l = load();
  if (!l)
    throw new AppError(
      503,
      'No kubeconfig was found: set KUBECONFIG or start the local cluster.',
      'no_kubeconfig',
    );
  getContext(context);
  let kc = perContext.get(context);
  if (!kc) {
    kc = new KubeConfig();
    kc.loadFromString(l.kc.exportConfig());
    kc.setCurrentContext(context);
    perContext.set(context, kc);
  }
  return kc;
}

/** A typed API client (CoreV1Api, AppsV1Api, …) for one context, cached per context. */
export function apiClient<T extends ApiType>(context: string, Api: ApiConstructor<T>): T {
  const key = `${context}\u0000${Api.name}`;
  const hit = clients.get(key) as T | undefined;
  if (hit) return hit;
  const client = configFor(context).makeApiClient(Api);
  clients.set(key, client);
  return client;
}

/** The KubeConfig for a context, for client-node helpers that take one (Watch, Log). */
export function kubeConfig(context: string): KubeConfig {
  return configFor(context);
}
