import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_YAML_BYTES, parseDocuments, sizeProblem, splitDocuments } from './yaml-docs';

test('splits on --- lines, keeps each document start line, drops empty and comment-only documents', () => {
  const text =
    '# header\n---\napiVersion: v1\nkind: ConfigMap\n---\n# only a comment\n---\napiVersion: v1\nkind: Secret\n...\n';
  const docs = splitDocuments(text);
  assert.deepEqual(
    docs.map((d) => [d.index, d.line]),
    [
      [1, 3],
      [2, 8],
    ],
  );
  assert.match(docs[1]?.text ?? '', /kind: Secret/);
});

test('a marker inside a block scalar line is not a separator unless it starts the line', () => {
  const docs = splitDocuments('a: |\n  x\n  --- not a marker\nb: 1\n');
  assert.equal(docs.length, 1);
});

test('CRLF pastes split the same way', () => {
  assert.equal(splitDocuments('kind: A\r\n---\r\nkind: B\r\n').length, 2);
});

test('each document is parsed on its own: a broken one names its line, the others parse', () => {
  const docs = parseDocuments(
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [oops\n',
  );
  assert.equal(docs[0]?.error, undefined);
  assert.equal(docs[0]?.object?.kind, 'ConfigMap');
  assert.match(docs[1]?.error ?? '', /^Invalid YAML at line 6: /);
});

test('a document without kind or apiVersion, or a scalar, is refused with a sentence', () => {
  const [a, b] = parseDocuments('metadata: {name: x}\n---\njust text\n');
  assert.equal(a?.error, 'Document 1 (line 1) has no apiVersion or kind.');
  assert.match(b?.error ?? '', /is not a Kubernetes object/);
});

test('size limit: a 10 MB paste gets a sentence with both sizes', () => {
  assert.equal(sizeProblem('kind: A'), null);
  const big = 'x'.repeat(10 * 1024 * 1024);
  assert.match(sizeProblem(big) ?? '', /^The YAML is 10\.0 MB; Wheelhouse accepts at most 3\.0 MB/);
  assert.equal(sizeProblem('x'.repeat(MAX_YAML_BYTES)), null);
});
