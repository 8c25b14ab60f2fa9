import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../errors';
import { execUrl, parseExecUrl, shellCommand } from './params';
import { isExecPath } from './path';
import { exitOf, parseClientMessage } from './protocol';

test('the exec address round-trips through the URL builder', () => {
  const t = {
    context: 'kind@x/y',
    namespace: 'demo',
    pod: 'api-1',
    container: 'app',
    shell: 'sh' as const,
    cols: 120,
    rows: 30,
  };
  const url = execUrl(t);
  assert.ok(url.startsWith('/api/c/kind%40x%2Fy/demo/pods/api-1/exec?'), url);
  assert.ok(isExecPath(url.split('?')[0] ?? ''));
  assert.deepEqual(parseExecUrl(url), t);
});

test('defaults: bash-then-sh, 80x24', () => {
  const t = parseExecUrl('/api/c/ctx/demo/pods/p/exec?container=c');
  assert.equal(t.shell, 'auto');
  assert.deepEqual([t.cols, t.rows], [80, 24]);
  assert.deepEqual(shellCommand('auto'), [
    'sh',
    '-c',
    'command -v bash >/dev/null 2>&1 && exec bash || exec sh',
  ]);
  assert.deepEqual(shellCommand('bash'), ['bash']);
});

function refusal(url: string): string {
  try {
    parseExecUrl(url);
  } catch (e) {
    assert.ok(isAppError(e));
    return `${e.status} ${e.message}`;
  }
  assert.fail(`accepted ${url}`);
}

test('bad parameters get a 400 with a sentence, never a command of their own', () => {
  assert.match(refusal('/api/c/ctx/demo/pods/p/exec'), /^400 Bad container/);
  assert.match(
    refusal('/api/c/ctx/demo/pods/p/exec?container=Bad_Name'),
    /^400 Bad container: a container name is a DNS-1123 label/,
  );
  assert.match(
    refusal('/api/c/ctx/demo/pods/p/exec?container=c&shell=rm%20-rf'),
    /^400 Bad shell: a shell is one of auto, bash, sh/,
  );
  assert.match(refusal('/api/c/ctx/demo/pods/p/exec?container=c&cols=99999'), /^400 Bad cols/);
  assert.match(refusal('/api/c/ctx/Demo/pods/p/exec?container=c'), /^400 Invalid namespace "Demo"/);
  assert.match(refusal('/api/c/ctx/_all/pods/p/exec?container=c'), /^400 Invalid namespace/);
  assert.match(
    refusal('/api/c/ctx/demo/pods/p%zz/exec?container=c'),
    /^400 The address contains a malformed/,
  );
  assert.match(refusal('/api/c/ctx/demo/pods/p/log'), /^404 /);
  assert.equal(isExecPath('/api/c/ctx/demo/pods/p/exec/x'), false);
});

test('client messages: only a well-formed resize is understood', () => {
  assert.deepEqual(parseClientMessage('{"type":"resize","cols":100,"rows":40}'), {
    type: 'resize',
    cols: 100,
    rows: 40,
  });
  assert.equal(parseClientMessage('{"type":"resize","cols":-1,"rows":40}'), undefined);
  assert.equal(parseClientMessage('{"type":"run","command":"id"}'), undefined);
  assert.equal(parseClientMessage('not json'), undefined);
});

test('exit status from the API server closing Status', () => {
  assert.deepEqual(exitOf({ status: 'Success' }), { code: 0, message: 'exited with status 0' });
  assert.deepEqual(
    exitOf({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    }),
    { code: 3, message: 'exited with status 3' },
  );
  assert.deepEqual(
    exitOf({
      status: 'Failure',
      message: 'Internal error occurred: error executing command in container: cmd wait: sh: exit status 2',
    }),
    { code: 2, message: 'exited with status 2' },
  );
  assert.deepEqual(exitOf({ status: 'Failure', message: 'container not found' }), {
    code: null,
    message: 'container not found',
  });
});
