import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AuditEntry, inScope, mergeAudit, parseAuditAnnotation } from './view';

const base: AuditEntry = {
  time: '2026-01-01T00:00:00.000Z',
  user: 'alice',
  context: 'admin',
  verb: 'rollback',
  resource: 'deployments',
  namespace: 'demo',
  name: 'web',
  result: 'success',
  id: 'a',
};

test('a record in the file and as an Event is one row from both sources', () => {
  const rows = mergeAudit(
    [base, { ...base, id: 'b', time: '2026-01-01T00:00:02.000Z' }],
    [
      { record: base, eventName: 'web.wheelhouse-x' },
      {
        record: { ...base, id: 'c', time: '2026-01-01T00:00:01.000Z', user: 'bob' },
        eventName: 'web.wheelhouse-y',
      },
    ],
  );
  assert.deepEqual(
    rows.map((r) => [r.key, r.sources]),
    [
      ['b', ['file']],
      ['c', ['event']],
      ['a', ['file', 'event']],
    ],
  );
  assert.equal(rows[2]?.eventName, 'web.wheelhouse-x');
});

test('Event annotations are validated: forged or broken ones are dropped', () => {
  assert.deepEqual(parseAuditAnnotation(JSON.stringify(base)), base);
  assert.equal(parseAuditAnnotation('{'), undefined);
  assert.equal(parseAuditAnnotation(JSON.stringify({ ...base, result: 'maybe' })), undefined);
  assert.equal(parseAuditAnnotation(JSON.stringify({ ...base, user: 'x'.repeat(600) })), undefined);
  assert.equal(parseAuditAnnotation(undefined), undefined);
});

test('scope filters by context and namespace', () => {
  assert.equal(inScope(base, 'admin', 'demo'), true);
  assert.equal(inScope(base, 'admin', undefined), true);
  assert.equal(inScope(base, 'admin', 'shop'), false);
  assert.equal(inScope(base, 'viewer', 'demo'), false);
});

test('a terminal session written when it opens and when it ends is one row, in its final state', () => {
  const base = {
    user: 'u',
    context: 'c',
    verb: 'exec',
    resource: 'pods',
    name: 'p',
    id: 'session-1',
    result: 'success' as const,
  };
  // The file is read newest first.
  const rows = mergeAudit(
    [
      {
        ...base,
        time: '2026-01-01T00:05:00Z',
        endTime: '2026-01-01T00:05:00Z',
        exitCode: 0,
        transcript: 'hi',
      },
      { ...base, time: '2026-01-01T00:00:00Z', message: 'terminal opened' },
    ],
    [],
  );
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.exitCode, 0);
  assert.equal(rows[0]?.transcript, 'hi');
});
