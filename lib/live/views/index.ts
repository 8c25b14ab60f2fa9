import 'server-only';
import { AppError } from '../../errors';
import type { Principal } from '../../k8s/client';
import { ROLLOUT_KINDS, WORKLOAD_KINDS } from '../../links';
import { ALL_NAMESPACES } from '../../paths';
import type { ViewName, ViewSpec } from '../../stream-protocol';
import { currentView, subscribeView, type ViewDef, type ViewListener } from '../view-cache';
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

function resolve(spec: ViewSpec): { def: ViewDef<unknown>; params: unknown } {
  const ns = spec.namespace === ALL_NAMESPACES ? undefined : spec.namespace;
  const as = <P, M>(def: ViewDef<P, M>, params: P) => ({ def: def as unknown as ViewDef<unknown>, params });
  switch (spec.view satisfies ViewName) {
    case 'overview':
      return as(overviewView, ns ? { namespace: ns } : {});
    case 'nodes':
      return as(nodesView, {});
    case 'pod':
      return as(podView, named(spec));
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
  const { def, params } = resolve(spec);
  return subscribeView(spec.context, spec.view, def, params, listener, principal);
}

/** The view's model now, for a page's server render; it then goes live over the tab's stream. */
export function loadView<T>(spec: ViewSpec, principal?: Principal): Promise<T> {
  const { def, params } = resolve(spec);
  return currentView<unknown, T>(spec.context, spec.view, def, params, principal);
}
