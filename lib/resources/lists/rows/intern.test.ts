import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intern, internRecord } from './intern';

test('equal short strings come back as one value; records keep their keys and values', () => {
  const a = ['Run', 'ning'].join('');
  const b = ['Runn', 'ing'].join('');
  assert.equal(intern(a), intern(b));
  const long = 'x'.repeat(200);
  assert.equal(intern(long), long);
  assert.deepEqual(internRecord({ status: 'Running', images: ['nginx:1.27'], restarts: 3, gone: null }), {
    status: 'Running',
    images: ['nginx:1.27'],
    restarts: 3,
    gone: null,
  });
});
