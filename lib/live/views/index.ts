import 'server-only';
import { AppError } from '../../errors';
import type { Principal } from '../../kube/client';
import { ROLLOUT_KINDS, WORKLOAD_KINDS } from '../../links';
import { ALL_NAMESPACES } from '../../paths';
import { ensureDiscovery } from '../../resources/api-kinds/server/discovery';
import { cronJobView } from '../../resources/cronjobs/server/cronjob-view';
import { nodeUsageView, podUsageView, topUsageView } from '../../resources/metrics/server/metrics-views';
import { nodeView } from '../../resources/nodes/server/node-view';
import type { ViewName, ViewSpec } from '../protocol';
import { currentView, subscribeView, type ViewDef, type ViewListener } from '../view-cache';
import { credentialsKey } from '../watch-cache';
import { apiKindsView } from './api-kinds';
import { DRIFT_KINDS, type DriftKind, driftView } from './drift';
import { nodesView } from './nodes';
import { overviewView } from './overview';
import { podView } from './pod';
import { rolloutView } from './rollout';
import { securityView } from './security';
import { serviceView } from './service';
import { claimView, storageView } from './storage';
import { workloadPodsView } from './workload-pods';

/**
 * The registry of server-side views: a subscription's spec becomes one view's parameters here, so
 * the stream hub and the pages start views the same way.
 */

function bad(message: string): AppError {
  return new AppError(400, message, 'bad_request');
}

function named(spec: ViewSpec): { namespace: string; name: string } {
  if (spec.namespace === ALL_NAMESPACES) throw bad(`The ${spec.view} view needs a namespace.`);
  if (!spec.name) throw bad(`The ${spec.view} view needs a name.`);
  return { namespace: spec.namespace, name: spec.name };
}

function namespaced(spec: ViewSpec): string {
  if (spec.namespace === ALL_NAMESPACES) throw bad(`The ${spec.view} view needs a namespace.`);
  return spec.namespace;
}

function resolve(spec: ViewSpec, principal?: Principal): { def: ViewDef<unknown>; params: unknown } {
  const ns = spec.namespace === ALL_NAMESPACES ? undefined : spec.namespace;
  const as = <P, M>(def: ViewDef<P, M>, params: P) => ({ def: def as unknown as ViewDef<unknown>, params });
  switch (spec.view satisfies ViewName) {
    case 'overview':
      return as(overviewView, ns ? { namespace: ns } : {});
    case 'drift': {
      const kind = spec.kind ?? '';
      if (!(DRIFT_KINDS as readonly string[]).includes(kind))
        throw bad(`The drift view is for ${DRIFT_KINDS.join(', ')}, not "${kind.slice(0, 60)}".`);
      return as(driftView, { kind: kind as DriftKind, ...named(spec) });
    }
    case 'api-kinds':
      return as(apiKindsView, {
        context: spec.context,
        credentials: credentialsKey(spec.context, principal),
      });
    case 'nodes':
      return as(nodesView, {});
    case 'node': {
      // Nodes are cluster-scoped: any namespace segment will do, the name is what counts.
      if (!spec.name) throw bad('The node view needs a name.');
      return as(nodeView, { name: spec.name });
    }
    case 'pod':
      return as(podView, named(spec));
    case 'cronjob':
      return as(cronJobView, named(spec));
    case 'pod-usage':
      return as(podUsageView, named(spec));
    case 'node-usage':
      if (!spec.name) throw bad('The node-usage view needs a name.');
      return as(nodeUsageView, { name: spec.name });
    case 'top-usage':
      return as(topUsageView, ns ? { namespace: ns } : {});
    case 'service':
      return as(serviceView, named(spec));
    case 'claim':
      return as(claimView, named(spec));
    case 'storage':
      return as(storageView, { namespace: namespaced(spec) });
    case 'security':
      return as(securityView, { namespace: namespaced(spec) });
    case 'rollout': {
      const kind = spec.kind ?? '';
      if (!(ROLLOUT_KINDS as readonly string[]).includes(kind))
        throw bad(`The rollout view is for ${ROLLOUT_KINDS.join(', ')}, not "${kind.slice(0, 60)}".`);
      return as(rolloutView, { kind: kind as 'deployments', ...named(spec) });
    }
    case 'workload-pods': {
      const kind = spec.kind ?? '';
      if (!(WORKLOAD_KINDS as readonly string[]).includes(kind))
        throw bad(`The workload-pods view is for ${WORKLOAD_KINDS.join(', ')}, not "${kind.slice(0, 60)}".`);
      return as(workloadPodsView, { kind: kind as 'deployments', ...named(spec) });
    }
  }
}

/** Throws the 400 a bad spec deserves, before anything is started. */
export function checkViewSpec(spec: ViewSpec): void {
  resolve(spec);
}

export function subscribeViewSpec(spec: ViewSpec, listener: ViewListener, principal?: Principal): () => void {
  const { def, params } = resolve(spec, principal);
  // A stream that outlived the server's discovery snapshot (a restart) reads it again.
  if (spec.view === 'api-kinds') void ensureDiscovery(spec.context, principal).catch(() => undefined);
  return subscribeView(spec.context, spec.view, def, params, listener, principal);
}

/** The view's model now, for a page's server render; it then goes live over the tab's stream. */
export function loadView<T>(spec: ViewSpec, principal?: Principal): Promise<T> {
  const { def, params } = resolve(spec, principal);
  return currentView<unknown, T>(spec.context, spec.view, def, params, principal);
}
