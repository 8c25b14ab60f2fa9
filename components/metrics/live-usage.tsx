import 'server-only';
import type { ViewSpec } from '@/lib/live/protocol';
import { loadView } from '@/lib/live/views';
import { requestPrincipal } from '@/lib/live/watch-cache';
import type {
  NodeUsageModel,
  PodUsageModel,
  TopUsageModel,
} from '@/lib/resources/metrics/server/metrics-views';
import { NodeUsagePanel } from './node-usage-panel';
import { PodUsagePanel } from './pod-usage-panel';
import { TopUsagePanel } from './top-usage-panel';

/**
 * The usage panel of a page, server-rendered from the shared Metrics API poll and then live. Usage
 * is an extra: if even the view fails, the page goes on without it.
 */
export async function LiveUsage({ spec }: { spec: ViewSpec }) {
  try {
    const principal = await requestPrincipal();
    if (spec.view === 'pod-usage')
      return <PodUsagePanel spec={spec} initial={await loadView<PodUsageModel>(spec, principal)} />;
    if (spec.view === 'node-usage')
      return <NodeUsagePanel spec={spec} initial={await loadView<NodeUsageModel>(spec, principal)} />;
    if (spec.view === 'top-usage')
      return <TopUsagePanel spec={spec} initial={await loadView<TopUsageModel>(spec, principal)} />;
  } catch {
    return null;
  }
  return null;
}
