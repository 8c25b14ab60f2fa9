import type {
  V1ConfigMap,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Secret,
  V1StorageClass,
  V2HorizontalPodAutoscaler,
  V2MetricSpec,
  V2MetricStatus,
} from '@kubernetes/client-node';
import { base64Bytes, formatBytes, quantity, toIso } from './common';
import type { Column, RowSpec, Tone } from './types';

const age: Column = { key: 'age', label: 'Age', type: 'age' };

export const configmaps: RowSpec<V1ConfigMap> = {
  columns: [
    { key: 'count', label: 'Keys', type: 'number' },
    { key: 'keys', label: 'Key names', type: 'list' },
    age,
  ],
  view: (c) => {
    const keys = [...Object.keys(c.data ?? {}), ...Object.keys(c.binaryData ?? {})].sort();
    return { cells: { count: keys.length, keys, age: toIso(c.metadata?.creationTimestamp) } };
  },
};

/**
 * Key names and decoded sizes only. The values are read here to measure them and go no further: the
 * row is all the watch cache keeps, so no value is ever cached or sent to a browser.
 */
export const secrets: RowSpec<V1Secret> = {
  columns: [
    { key: 'type', label: 'Type', type: 'text' },
    { key: 'count', label: 'Keys', type: 'number' },
    { key: 'keys', label: 'Key names and sizes', type: 'list' },
    age,
  ],
  view: (s) => {
    const sizes = new Map<string, number>();
    for (const [k, v] of Object.entries(s.data ?? {})) sizes.set(k, base64Bytes(v));
    // stringData is write-only in the API; if an object carries it anyway, count its UTF-8 length.
    for (const [k, v] of Object.entries(s.stringData ?? {})) sizes.set(k, Buffer.byteLength(v, 'utf8'));
    const keys = [...sizes.keys()].sort();
    return {
      cells: {
        type: s.type ?? 'Opaque',
        count: keys.length,
        keys: keys.map((k) => `${k} (${formatBytes(sizes.get(k) ?? 0)})`),
        age: toIso(s.metadata?.creationTimestamp),
      },
    };
  },
};

function phaseTone(phase: string | undefined): Tone {
  if (phase === 'Bound') return 'good';
  if (phase === 'Lost' || phase === 'Failed') return 'bad';
  return 'warn';
}

export const persistentvolumeclaims: RowSpec<V1PersistentVolumeClaim> = {
  columns: [
    { key: 'status', label: 'Status', type: 'status' },
    { key: 'volume', label: 'Volume', type: 'text' },
    { key: 'capacity', label: 'Capacity', type: 'text' },
    { key: 'accessModes', label: 'Access modes', type: 'list' },
    { key: 'storageClass', label: 'Storage class', type: 'text' },
    age,
  ],
  view: (c) => ({
    tone: phaseTone(c.status?.phase),
    cells: {
      status: c.status?.phase ?? 'Pending',
      volume: c.spec?.volumeName ?? null,
      capacity: quantity(c.status?.capacity?.storage) ?? quantity(c.spec?.resources?.requests?.storage),
      accessModes: c.spec?.accessModes ?? [],
      storageClass: c.spec?.storageClassName ?? null,
      age: toIso(c.metadata?.creationTimestamp),
    },
  }),
};

export const persistentvolumes: RowSpec<V1PersistentVolume> = {
  columns: [
    { key: 'capacity', label: 'Capacity', type: 'text' },
    { key: 'accessModes', label: 'Access modes', type: 'list' },
    { key: 'reclaimPolicy', label: 'Reclaim policy', type: 'text' },
    { key: 'status', label: 'Status', type: 'status' },
    { key: 'claim', label: 'Claim', type: 'text' },
    { key: 'storageClass', label: 'Storage class', type: 'text' },
    age,
  ],
  view: (v) => ({
    tone: v.status?.phase === 'Available' ? 'neutral' : phaseTone(v.status?.phase),
    cells: {
      capacity: quantity(v.spec?.capacity?.storage),
      accessModes: v.spec?.accessModes ?? [],
      reclaimPolicy: v.spec?.persistentVolumeReclaimPolicy ?? null,
      status: v.status?.phase ?? 'Pending',
      claim: v.spec?.claimRef ? `${v.spec.claimRef.namespace}/${v.spec.claimRef.name}` : null,
      storageClass: v.spec?.storageClassName ?? null,
      age: toIso(v.metadata?.creationTimestamp),
    },
  }),
};

export const storageclasses: RowSpec<V1StorageClass> = {
  columns: [
    { key: 'provisioner', label: 'Provisioner', type: 'text' },
    { key: 'reclaimPolicy', label: 'Reclaim policy', type: 'text' },
    { key: 'bindingMode', label: 'Binding mode', type: 'text' },
    { key: 'expansion', label: 'Expansion', type: 'text' },
    { key: 'default', label: 'Default', type: 'text' },
    age,
  ],
  view: (s) => ({
    cells: {
      provisioner: s.provisioner,
      reclaimPolicy: s.reclaimPolicy ?? 'Delete',
      bindingMode: s.volumeBindingMode ?? 'Immediate',
      expansion: s.allowVolumeExpansion ? 'Allowed' : 'No',
      default:
        s.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? 'Yes' : 'No',
      age: toIso(s.metadata?.creationTimestamp),
    },
  }),
};

function metricName(m: V2MetricSpec | V2MetricStatus): string {
  switch (m.type) {
    case 'Resource':
      return m.resource?.name ?? 'resource';
    case 'ContainerResource':
      return `${m.containerResource?.container}/${m.containerResource?.name}`;
    case 'Pods':
      return m.pods?.metric.name ?? 'pods';
    case 'Object':
      return m.object?.metric.name ?? 'object';
    default:
      return m.external?.metric.name ?? m.type;
  }
}

function metricValue(v: { averageUtilization?: number; averageValue?: string; value?: string } | undefined) {
  if (!v) return '<unknown>';
  if (v.averageUtilization !== undefined) return `${v.averageUtilization}%`;
  return quantity(v.averageValue) ?? quantity(v.value) ?? '<unknown>';
}

function target(m: V2MetricSpec) {
  const t = m.resource?.target ?? m.containerResource?.target ?? m.pods?.target ?? m.object?.target;
  return metricValue(t ?? m.external?.target);
}

function current(m: V2MetricStatus | undefined) {
  const c = m?.resource?.current ?? m?.containerResource?.current ?? m?.pods?.current ?? m?.object?.current;
  return metricValue(c ?? m?.external?.current);
}

export const horizontalpodautoscalers: RowSpec<V2HorizontalPodAutoscaler> = {
  columns: [
    { key: 'reference', label: 'Reference', type: 'text' },
    { key: 'targets', label: 'Targets (current/target)', type: 'list' },
    { key: 'min', label: 'Min', type: 'number' },
    { key: 'max', label: 'Max', type: 'number' },
    { key: 'replicas', label: 'Replicas', type: 'number' },
    age,
  ],
  view: (h) => {
    const currents = h.status?.currentMetrics ?? [];
    const able = h.status?.conditions?.find((c) => c.type === 'ScalingActive');
    return {
      tone: able?.status === 'False' ? 'warn' : 'good',
      cells: {
        reference: `${h.spec?.scaleTargetRef.kind}/${h.spec?.scaleTargetRef.name}`,
        targets: (h.spec?.metrics ?? []).map(
          (m, i) => `${metricName(m)}: ${current(currents[i])}/${target(m)}`,
        ),
        min: h.spec?.minReplicas ?? 1,
        max: h.spec?.maxReplicas ?? 0,
        replicas: h.status?.currentReplicas ?? 0,
        age: toIso(h.metadata?.creationTimestamp),
      },
    };
  },
};
