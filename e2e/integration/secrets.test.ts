import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getSecret, listSecrets, revealSecretKey } from '@/lib/resources/secrets/server/secrets';
import { namespaceExposure } from '@/lib/resources/security/server/security';
import { auditToTempFile } from '../support/audit';
import { ADMIN_CONTEXT, apps, core, createNamespace, deleteNamespace, deployment } from '../support/kube';

// lib/kube/client.ts reads the dashboard's kubeconfig, the one with the test identities.
process.env.KUBECONFIG = process.env.WHEELHOUSE_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
const auditLog = auditToTempFile();

const marker = `wh-secret-marker-int-${Date.now().toString(36)}`;
let ns: string;

before(async () => {
  ns = await createNamespace('secretlib');
  await core().createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'creds' }, stringData: { password: marker, user: 'app' } },
  });
  const d = deployment(ns, 'consumer');
  const spec = d.spec?.template.spec;
  if (spec) {
    spec.imagePullSecrets = [{ name: 'creds' }];
    spec.volumes = [{ name: 'p', projected: { sources: [{ secret: { name: 'creds' } }] } }];
    spec.hostNetwork = true;
  }
  await apps().createNamespacedDeployment({ namespace: ns, body: d });
});

after(async () => {
  await deleteNamespace(ns);
  auditLog.remove();
});

const audit = () => auditLog.records();

test('listing and reading Secrets yields names, types and sizes, never a value', async () => {
  const rows = await listSecrets(ADMIN_CONTEXT, ns);
  const row = rows.find((r) => r.name === 'creds');
  assert.deepEqual(row?.keys, [
    { name: 'password', bytes: marker.length },
    { name: 'user', bytes: 3 },
  ]);
  const detail = await getSecret(ADMIN_CONTEXT, ns, 'creds');
  assert.deepEqual(
    detail.usedBy.map((u) => [u.kind, u.name, u.via.join('+')]),
    [['Deployment', 'consumer', 'projected volume+imagePullSecrets']],
  );
  const json = JSON.stringify([rows, detail]);
  assert.ok(!json.includes(marker) && !json.includes(Buffer.from(marker).toString('base64')));
});

test('the viewer is refused with the sentence and the refusal is audited', async () => {
  await assert.rejects(
    revealSecretKey('viewer', ns, 'creds', 'password'),
    (e: Error & { status?: number }) => {
      assert.equal(e.status, 403);
      assert.match(e.message, /^You may not read this Secret/);
      return true;
    },
  );
  const last = audit().at(-1);
  assert.equal(last?.result, 'failure');
  assert.equal(last?.context, 'viewer');
  assert.equal(last?.verb, 'reveal');
});

test('admin reveals one key; the audit names the key, not the value', async () => {
  const v = await revealSecretKey(ADMIN_CONTEXT, ns, 'creds', 'password');
  assert.deepEqual(v, { key: 'password', bytes: marker.length, encoding: 'utf8', value: marker });
  const last = audit().at(-1);
  assert.equal(last?.result, 'success');
  assert.match(String(last?.message), /"password"/);
  assert.ok(!JSON.stringify(auditLog.records()).includes(marker));
});

test('namespace exposure judges the workload template', async () => {
  const { warnings } = await namespaceExposure(ADMIN_CONTEXT, ns);
  assert.ok(
    warnings.some(
      (w) => w.rule === 'host-network' && w.ref.kind === 'Deployment' && w.ref.name === 'consumer',
    ),
  );
  assert.ok(!warnings.some((w) => w.ref.kind === 'Pod'), 'pods of the Deployment are not repeated');
});
