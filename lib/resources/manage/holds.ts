/**
 * What holds an object from being deleted: its finalizers, who set them (the managedFields entry
 * that owns the finalizer, or the controller known for it), and what each waits for. PURE.
 */

type Obj = Record<string, unknown>;

export interface Hold {
  finalizer: string;
  /** Who set it and will remove it, when known. */
  by?: string;
  /** What it waits for. */
  meaning: string;
}

export interface Termination {
  /** deletionTimestamp. */
  since: string;
  holds: Hold[];
  /** Sentences from the object's own status (a namespace's remaining content, a pod's grace period). */
  notes: string[];
}

const KNOWN: Record<string, { by: string; meaning: string }> = {
  foregroundDeletion: {
    by: 'the garbage collector (kube-controller-manager)',
    meaning: 'foreground deletion: it stays until its dependents that block owner deletion are deleted',
  },
  orphan: {
    by: 'the garbage collector (kube-controller-manager)',
    meaning: 'orphan deletion: it stays until it is removed as owner from its dependents',
  },
  'kubernetes.io/pvc-protection': {
    by: 'the PVC protection controller (kube-controller-manager)',
    meaning: 'it stays while a pod uses the claim',
  },
  'kubernetes.io/pv-protection': {
    by: 'the PV protection controller (kube-controller-manager)',
    meaning: 'it stays while the volume is bound to a claim',
  },
  kubernetes: {
    by: 'the namespace controller (kube-controller-manager)',
    meaning: 'it stays until everything in the namespace is deleted',
  },
  'batch.kubernetes.io/job-tracking': {
    by: 'the Job controller (kube-controller-manager)',
    meaning: "it stays until the Job controller has counted the pod's result",
  },
  'service.kubernetes.io/load-balancer-cleanup': {
    by: 'the service controller of the cloud provider',
    meaning: 'it stays until the cloud load balancer is deleted',
  },
};

function isRecord(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The field manager whose managedFields entry owns `metadata.finalizers` item `name`. */
function managerOf(obj: Obj, name: string): string | undefined {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const entries = Array.isArray(meta.managedFields) ? meta.managedFields : [];
  const key = `v:${JSON.stringify(name)}`;
  for (const e of entries) {
    if (!isRecord(e) || !isRecord(e.fieldsV1)) continue;
    const m = e.fieldsV1['f:metadata'];
    const f = isRecord(m) ? m['f:finalizers'] : undefined;
    if (isRecord(f) && key in f && typeof e.manager === 'string') return e.manager;
  }
  return undefined;
}

export function finalizerHolds(obj: Obj): Hold[] {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const names = [
    ...(Array.isArray(meta.finalizers) ? meta.finalizers : []),
    // A namespace's own finalizer lives in spec.finalizers.
    ...(obj.kind === 'Namespace' && Array.isArray(spec.finalizers) ? spec.finalizers : []),
  ].filter((f): f is string => typeof f === 'string');
  return [...new Set(names)].map((finalizer) => {
    const known = KNOWN[finalizer];
    const manager = managerOf(obj, finalizer);
    const by = manager ? `${manager}${known ? ` (${known.by})` : ''}` : known?.by;
    return {
      finalizer,
      ...(by ? { by } : {}),
      meaning: known?.meaning ?? 'it stays until the controller that set it removes it',
    };
  });
}

export function terminationOf(obj: Obj): Termination | undefined {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  if (typeof meta.deletionTimestamp !== 'string') return undefined;
  const notes: string[] = [];
  const status = isRecord(obj.status) ? obj.status : {};
  if (obj.kind === 'Namespace' && Array.isArray(status.conditions)) {
    for (const c of status.conditions) {
      if (isRecord(c) && c.status === 'True' && typeof c.message === 'string') notes.push(c.message);
    }
  }
  if (obj.kind === 'Pod' && typeof meta.deletionGracePeriodSeconds === 'number') {
    notes.push(
      `Its containers get up to ${meta.deletionGracePeriodSeconds} s to stop before the kubelet kills them.`,
    );
  }
  return { since: meta.deletionTimestamp, holds: finalizerHolds(obj), notes };
}
