import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../errors';
import { parseBody, parseTarget, rollbackBody, scaleBody } from './params';

const post = (body: string) => new Request('http://h/x', { method: 'POST', body });

const scaleCases: { body: string; error?: RegExp }[] = [
  { body: '{"replicas":3,"generation":12}' },
  { body: '{"replicas":0,"generation":12,"reason":"night"}' },
  { body: '{"replicas":-1,"generation":12}', error: /replicas: replicas cannot be negative/ },
  { body: '{"replicas":1.5,"generation":12}', error: /whole number/ },
  { body: '{"replicas":10001,"generation":12}', error: /at most 10000/ },
  { body: '{"replicas":"3","generation":12}', error: /replicas/ },
  { body: '{"replicas":3}', error: /generation: the generation you saw is required/ },
  // The resourceVersion is not a guard any more: a status write moves it.
  { body: '{"replicas":3,"resourceVersion":"12"}', error: /Invalid/ },
  { body: '{"replicas":3,"generation":"12"}', error: /generation/ },
  { body: '{"replicas":3,"generation":0}', error: /positive/ },
  { body: `{"replicas":3,"generation":1,"reason":"${'x'.repeat(501)}"}`, error: /500 characters/ },
  { body: '{"replicas":3,"generation":1,"extra":1}', error: /Invalid/ },
  { body: 'not json', error: /must be JSON/ },
];

for (const c of scaleCases) {
  test(`scale body ${c.body.slice(0, 60)}`, async () => {
    if (!c.error) {
      assert.ok(await parseBody(post(c.body), scaleBody));
      return;
    }
    await assert.rejects(parseBody(post(c.body), scaleBody), (e: unknown) => {
      assert.ok(isAppError(e));
      assert.equal(e.status, 400);
      assert.match(e.message, c.error!);
      return true;
    });
  });
}

test('rollback body: 0 is the previous revision, negatives are refused', async () => {
  assert.equal((await parseBody(post('{"revision":0,"generation":1}'), rollbackBody)).revision, 0);
  await assert.rejects(parseBody(post('{"revision":-2,"generation":1}'), rollbackBody), /negative/);
  const shown = await parseBody(
    post('{"revision":2,"generation":4,"fromRevision":3,"toSource":"web-5d8f"}'),
    rollbackBody,
  );
  assert.deepEqual([shown.fromRevision, shown.toSource], [3, 'web-5d8f']);
  assert.equal(
    (await parseBody(post('{"revision":2,"generation":4,"fromRevision":null}'), rollbackBody)).fromRevision,
    null,
  );
});

test('parseTarget checks kind, name and refuses all namespaces', () => {
  const ok = parseTarget({ context: 'admin', namespace: 'shop', kind: 'statefulsets', name: 'db' });
  assert.deepEqual(ok, { context: 'admin', namespace: 'shop', kind: 'statefulsets', name: 'db' });
  assert.throws(() => parseTarget({ context: 'a', namespace: 'shop', kind: 'pods', name: 'db' }), /kind/);
  assert.throws(
    () => parseTarget({ context: 'a', namespace: 'shop', kind: 'deployments', name: 'Bad_Name' }),
    /DNS-1123/,
  );
  assert.throws(
    () => parseTarget({ context: 'a', namespace: '_all', kind: 'deployments', name: 'x' }),
    /Choose a namespace/,
  );
});
