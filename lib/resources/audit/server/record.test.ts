import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUDIT_TEXT_MAX, auditText } from './record';

test('user text in audit records loses its control characters and is capped', () => {
  assert.equal(auditText('bad image'), 'bad image');
  assert.equal(auditText('one\ntwo\r\n\u001b[31mred\u0000'), 'one two   [31mred ');
  assert.equal(auditText('a\u2028b\u0085c'), 'a b c');
  const long = auditText('x'.repeat(400));
  assert.equal(long.length, AUDIT_TEXT_MAX);
  assert.ok(long.endsWith('…'));
});
