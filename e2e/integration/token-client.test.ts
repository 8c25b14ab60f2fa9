import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { whoAmI } from '@/lib/kube/identity';
import { readWorkload } from '@/lib/resources/workloads/server/workloads';

// In token mode lib code has no way to fall back to the dashboard's own (admin) credentials: with no
// signed-in person there is no token, and the call fails before it reaches the cluster.

process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
process.env.WHEELHOUSE_AUTH_MODE = 'token';
process.env.WHEELHOUSE_SESSION_KEY = randomBytes(32).toString('base64');

test('without a session, calls are 401 even though the kubeconfig holds admin credentials', async () => {
  await assert.rejects(
    readWorkload({ context: 'admin', namespace: 'demo', kind: 'deployments', name: 'web' }),
    (e: { status?: number; code?: string }) => {
      assert.equal(e.status, 401);
      assert.equal(e.code, 'unauthenticated');
      return true;
    },
  );
});

test('an explicit principal is used as given: the viewer token is the viewer', async () => {
  const who = await whoAmI('admin', { token: process.env.WHEELHOUSE_VIEWER_TOKEN ?? '' });
  assert.match(who.username, /^system:serviceaccount:.*:viewer$/);
});

test('token mode serves only the current context', async () => {
  await assert.rejects(
    readWorkload({ context: 'viewer', namespace: 'demo', kind: 'deployments', name: 'web' }),
    (e: { status?: number }) => e.status === 404,
  );
});
