'use client';

import { useEffect } from 'react';

/**
 * Marks the page hydrated (`<html data-hydrated>`): before that, a click or a typed value reaches
 * server-rendered markup without React's handlers and is lost. Browser tests wait for it after each
 * navigation (e2e/support/test.ts) instead of racing hydration on a loaded machine.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return null;
}
