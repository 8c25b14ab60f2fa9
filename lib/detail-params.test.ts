import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDetail } from './detail-params';

test('parseDetail accepts a namespaced object and decodes segments', () => {
  assert.deepEqual(parseDetail({ context: 'kind%40dev', namespace: 'shop', name: 'db.creds' }), {
    context: 'kind@dev',
    namespace: 'shop',
    name: 'db.creds',
  });
});

test('parseDetail refuses the all-namespaces scope and impossible names', () => {
  assert.equal(parseDetail({ context: 'a', namespace: '_all', name: 'x' }), undefined);
  assert.equal(parseDetail({ context: 'a', namespace: 'shop', name: 'Not_Valid' }), undefined);
  assert.equal(parseDetail({ context: 'a', namespace: 'Bad NS', name: 'x' }), undefined);
});
