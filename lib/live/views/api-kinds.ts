import 'server-only';
import { type ApiKindsNav, navOf } from '../../resources/api-kinds/discovery';
import { currentKinds } from '../../resources/api-kinds/server/discovery';
import type { ViewDef } from '../view-cache';

/**
 * The navigation's kinds beyond Wheelhouse's own: aggregated discovery (read with these credentials
 * when a page renders) merged with the CRDs from the shared watch cache, so a CRD established while a
 * page is open is in its navigation at once, pushed over the tab's stream. Without the right to list
 * CRDs, discovery alone.
 */
export interface ApiKindsParams {
  context: string;
  /** Whose discovery (credentialsKey): the view cache keys by credentials too, this finds the snapshot. */
  credentials: string;
}

export const apiKindsView: ViewDef<ApiKindsParams, ApiKindsNav> = {
  inputs: () => [{ slug: 'customresourcedefinitions' }],
  compute: (inputs, p): ApiKindsNav =>
    navOf(currentKinds(p.context, p.credentials, inputs.list('customresourcedefinitions'))),
};
