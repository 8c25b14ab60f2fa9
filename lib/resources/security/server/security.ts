import 'server-only';
import { loadView } from '../../../live/views';
import { requestPrincipal } from '../../../live/watch-cache';
import type { ExposureWarning } from '../exposure';

export interface NamespaceExposure {
  warnings: ExposureWarning[];
  gaps: string[];
}

/** Every exposure warning of one namespace, from the shared watch cache (lib/live/views/security.ts). */
export async function namespaceExposure(context: string, namespace: string): Promise<NamespaceExposure> {
  return loadView<NamespaceExposure>({ context, view: 'security', namespace }, await requestPrincipal());
}
