import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Secret } from '@kubernetes/client-node';
import { base64Bytes, decodeSecretValue, toSecretRow } from './view';

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

test('base64Bytes matches the decoded length for every padding', () => {
  for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'héllo wörld', 'x'.repeat(1000)]) {
    assert.equal(base64Bytes(b64(s)), Buffer.byteLength(s), s);
  }
});

test('toSecretRow keeps type, key names and sizes and drops every value', () => {
  const marker = 'wh-unit-marker-93f1';
  const s: V1Secret = {
    metadata: {
      name: 'db',
      namespace: 'shop',
      uid: 'u',
      labels: { app: 'db' },
      annotations: {
        owner: 'team-a',
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ data: { pw: b64(marker) } }),
      },
    },
    type: 'kubernetes.io/basic-auth',
    data: { password: b64(marker), username: b64('admin') },
    stringData: { extra: marker },
  };
  const row = toSecretRow(s);
  assert.deepEqual(row.keys, [
    { name: 'extra', bytes: marker.length },
    { name: 'password', bytes: marker.length },
    { name: 'username', bytes: 5 },
  ]);
  assert.equal(row.type, 'kubernetes.io/basic-auth');
  assert.deepEqual(row.annotations, { owner: 'team-a' });
  assert.deepEqual(row.hiddenAnnotations, ['kubectl.kubernetes.io/last-applied-configuration']);
  const json = JSON.stringify(row);
  assert.ok(!json.includes(marker) && !json.includes(b64(marker)), 'no value in the view model');
  assert.ok(!('data' in row) && !('stringData' in row));
});

test('toSecretRow defaults the type and handles a Secret without data', () => {
  const row = toSecretRow({ metadata: { name: 'e', namespace: 'n' } });
  assert.equal(row.type, 'Opaque');
  assert.deepEqual(row.keys, []);
});

const decodeCases: [string, Uint8Array | string, 'utf8' | 'base64'][] = [
  ['plain text', 'hunter2', 'utf8'],
  ['multi-line PEM-ish text', '-----BEGIN-----\nabc\n-----END-----\n', 'utf8'],
  ['unicode', 'pässwörd ✓', 'utf8'],
  ['empty', '', 'utf8'],
  ['invalid UTF-8', new Uint8Array([0xff, 0xfe, 0x00, 0x41]), 'base64'],
  ['valid UTF-8 with NUL', new Uint8Array([0x41, 0x00, 0x42]), 'base64'],
];

for (const [name, raw, encoding] of decodeCases) {
  test(`decodeSecretValue: ${name}`, () => {
    const bytes = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw);
    const r = decodeSecretValue('k', bytes.toString('base64'));
    assert.equal(r.encoding, encoding);
    assert.equal(r.bytes, bytes.length);
    assert.equal(r.value, encoding === 'utf8' ? bytes.toString('utf8') : bytes.toString('base64'));
  });
}
