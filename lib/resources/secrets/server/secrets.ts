import 'server-only';
import { CoreV1Api } from '@kubernetes/client-node';
import { AppError } from '../../../errors';
import { apiClient } from '../../../kube/client';
import { toAppError } from '../../../kube/errors';
import { whoAmI } from '../../../kube/identity';
import { type AuditTarget, recordAudit } from '../../audit/server/record';
import { type UsedBy, usedBy } from '../../objects/usage';
import { scanPodSpecs } from '../../pods/server/specs';
import { decodeSecretValue, type RevealedValue, type SecretRow, toSecretRow } from '../view';

/**
 * Secrets, secure by construction: every function that reads a Secret turns it into a SecretRow
 * (no values) before returning, except `revealSecretKey`, which returns exactly one value, for one
 * explicit user action, read with the user's own credentials, and audited.
 */

export async function listSecrets(context: string, namespace: string | undefined): Promise<SecretRow[]> {
  const core = apiClient(context, CoreV1Api);
  try {
    const list = namespace
      ? await core.listNamespacedSecret({ namespace })
      : await core.listSecretForAllNamespaces();
    return list.items
      .map(toSecretRow)
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  } catch (e) {
    throw toAppError(e, { context, verb: 'list', resource: 'secrets', namespace });
  }
}

export interface SecretDetail {
  secret: SecretRow;
  usedBy: UsedBy[];
  gaps: string[];
}

export async function getSecret(context: string, namespace: string, name: string): Promise<SecretDetail> {
  let secret: SecretRow;
  try {
    secret = toSecretRow(await apiClient(context, CoreV1Api).readNamespacedSecret({ name, namespace }));
  } catch (e) {
    const err = toAppError(e, { context, verb: 'get', resource: 'Secret', namespace, name });
    throw err.status === 403 ? forbidden(context, namespace, name) : err;
  }
  const scan = await scanPodSpecs(context, namespace);
  return { secret, usedBy: usedBy(scan.holders, 'Secret', name, namespace), gaps: scan.gaps };
}

function forbidden(context: string, namespace: string, name: string): AppError {
  return new AppError(
    403,
    `You may not read this Secret: "${name}" in namespace "${namespace}" is not readable with the credentials of context "${context}".`,
    'forbidden',
  );
}

async function userOf(context: string): Promise<string> {
  try {
    return (await whoAmI(context)).username;
  } catch {
    return `unknown (context ${context})`;
  }
}

/** Reads one key with the caller's context credentials; every attempt, allowed or not, is audited. */
export async function revealSecretKey(
  context: string,
  namespace: string,
  name: string,
  key: string,
): Promise<RevealedValue> {
  const user = await userOf(context);
  // The Event goes on the Secret (uid once it is read), so every replica's Audit page shows the reveal.
  const target: AuditTarget = { apiVersion: 'v1', kind: 'Secret' };
  const audit = (result: 'success' | 'failure', message: string) =>
    recordAudit(
      { user, context, verb: 'reveal', resource: 'secrets', namespace, name, result, message },
      target,
    );
  let data: Record<string, string> | undefined;
  try {
    const secret = await apiClient(context, CoreV1Api).readNamespacedSecret({ name, namespace });
    data = secret.data;
    target.uid = secret.metadata?.uid;
  } catch (e) {
    const err = toAppError(e, { context, verb: 'get', resource: 'Secret', namespace, name });
    const out = err.status === 403 ? forbidden(context, namespace, name) : err;
    audit('failure', `key "${key}": ${out.message}`);
    throw out;
  }
  const b64 = data?.[key];
  if (b64 === undefined) {
    const err = new AppError(
      404,
      `Secret "${name}" in namespace "${namespace}" has no key "${key}".`,
      'not_found',
    );
    audit('failure', `key "${key}": ${err.message}`);
    throw err;
  }
  const value = decodeSecretValue(key, b64);
  audit('success', `key "${key}" (${value.bytes} bytes)`);
  return value;
}
