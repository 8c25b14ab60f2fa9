import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../resources/lists/rows/types';
import { LAST_APPLIED, redact } from './redaction';

test('redact drops managedFields and last-applied on any kind, and leaves the input alone', () => {
  const obj = {
    kind: 'Deployment',
    metadata: {
      name: 'web',
      managedFields: [{ manager: 'kubectl' }],
      annotations: { [LAST_APPLIED]: '{"env":"secret"}', keep: 'yes' },
    },
    spec: { replicas: 2 },
  } as KubeObject;
  const out = redact(obj);
  assert.equal(out.metadata?.managedFields, undefined);
  assert.deepEqual(out.metadata?.annotations, { keep: 'yes' });
  assert.deepEqual((out as { spec?: unknown }).spec, { replicas: 2 });
  assert.equal(obj.metadata?.managedFields?.length, 1);
  assert.ok(obj.metadata?.annotations?.[LAST_APPLIED]);
});

test('redact removes Secret values, also from a LIST item without kind when told the kind', () => {
  const item = { metadata: { name: 's' }, type: 'Opaque', data: { password: 'aHVudGVyMg==' } } as KubeObject;
  assert.ok(!JSON.stringify(redact(item, 'Secret')).includes('aHVudGVyMg'));
  const withKind = { ...item, kind: 'Secret', stringData: { password: 'hunter2' } } as KubeObject;
  const wire = JSON.stringify(redact(withKind));
  assert.ok(!wire.includes('aHVudGVyMg') && !wire.includes('hunter2'), wire);
  // A ConfigMap keeps its data: it is what its page shows.
  const cm = { kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } } as KubeObject;
  assert.deepEqual((redact(cm) as { data?: unknown }).data, { a: '1' });
});
