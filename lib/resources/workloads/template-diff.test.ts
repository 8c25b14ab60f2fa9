import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import { type DiffSection, diffTemplates, normalize, templatesEqual } from './template-diff';

function tpl(over: (t: V1PodTemplateSpec) => void = () => {}): V1PodTemplateSpec {
  const t: V1PodTemplateSpec = {
    metadata: { labels: { app: 'web' } },
    spec: {
      containers: [
        {
          name: 'main',
          image: 'nginx:1.27',
          env: [
            { name: 'LOG_LEVEL', value: 'info' },
            { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
          ],
          ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
          resources: { limits: { memory: '128Mi' }, requests: { cpu: '100m' } },
          readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10 },
          volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
          command: ['nginx', '-g', 'daemon off;'],
        },
      ],
      volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
      serviceAccountName: 'web',
    },
  };
  over(t);
  return t;
}

function section(sections: DiffSection[], title: string): DiffSection {
  const s = sections.find((x) => x.title === title);
  assert.ok(s, `section "${title}" in ${sections.map((x) => x.title).join(', ')}`);
  return s;
}

const c0 = (t: V1PodTemplateSpec) => t.spec!.containers[0]!;

const cases: {
  name: string;
  after: V1PodTemplateSpec;
  title: string;
  changes: { field: string; kind: string; before?: string; after?: string }[];
}[] = [
  {
    name: 'image',
    after: tpl((t) => {
      c0(t).image = 'nginx:1.28';
    }),
    title: 'Container "main"',
    changes: [{ field: 'image', kind: 'changed', before: 'nginx:1.27', after: 'nginx:1.28' }],
  },
  {
    name: 'env value, added and from-secret',
    after: tpl((t) => {
      c0(t).env = [
        { name: 'LOG_LEVEL', value: 'debug' },
        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds-v2', key: 'token' } } },
        { name: 'NEW', value: '1' },
      ];
    }),
    title: 'Container "main"',
    changes: [
      { field: 'env LOG_LEVEL', kind: 'changed', before: 'info', after: 'debug' },
      { field: 'env NEW', kind: 'added', after: '1' },
      {
        field: 'env TOKEN',
        kind: 'changed',
        before: 'from Secret creds, key token',
        after: 'from Secret creds-v2, key token',
      },
    ],
  },
  {
    name: 'resources',
    after: tpl((t) => {
      c0(t).resources = { limits: { memory: '256Mi', cpu: '1' }, requests: { cpu: '100m' } };
    }),
    title: 'Container "main"',
    changes: [
      { field: 'resources.limits.cpu', kind: 'added', after: '1' },
      { field: 'resources.limits.memory', kind: 'changed', before: '128Mi', after: '256Mi' },
    ],
  },
  {
    name: 'probe',
    after: tpl((t) => {
      c0(t).readinessProbe = { httpGet: { path: '/ready', port: 80 }, periodSeconds: 10 };
      c0(t).livenessProbe = { tcpSocket: { port: 80 } };
    }),
    title: 'Container "main"',
    changes: [
      { field: 'livenessProbe.tcpSocket.port', kind: 'added', after: '80' },
      { field: 'readinessProbe.httpGet.path', kind: 'changed', before: '/healthz', after: '/ready' },
    ],
  },
  {
    name: 'ports and mounts',
    after: tpl((t) => {
      c0(t).ports = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];
      c0(t).volumeMounts = [
        { name: 'config', mountPath: '/etc/app', readOnly: true },
        { name: 'config', mountPath: '/etc/other', subPath: 'x' },
      ];
    }),
    title: 'Container "main"',
    changes: [
      { field: 'mount /etc/app', kind: 'changed', before: 'config', after: 'config, read-only' },
      { field: 'mount /etc/other', kind: 'added', after: 'config (subPath x)' },
      { field: 'port http', kind: 'changed', before: '80/TCP', after: '8080/TCP' },
    ],
  },
  {
    name: 'command and args stay one line each',
    after: tpl((t) => {
      c0(t).command = ['nginx'];
      c0(t).args = ['-c', '/etc/app/nginx.conf'];
    }),
    title: 'Container "main"',
    changes: [
      { field: 'args', kind: 'added', after: '["-c","/etc/app/nginx.conf"]' },
      { field: 'command', kind: 'changed', before: '["nginx","-g","daemon off;"]', after: '["nginx"]' },
    ],
  },
  {
    name: 'volumes',
    after: tpl((t) => {
      t.spec!.volumes = [
        { name: 'config', configMap: { name: 'app-config-v2' } },
        { name: 'cache', emptyDir: {} },
        { name: 'data', persistentVolumeClaim: { claimName: 'data-pvc', readOnly: true } },
      ];
    }),
    title: 'Volumes',
    changes: [
      { field: 'volume cache', kind: 'added', after: 'emptyDir' },
      {
        field: 'volume config',
        kind: 'changed',
        before: 'configMap app-config',
        after: 'configMap app-config-v2',
      },
      { field: 'volume data', kind: 'added', after: 'persistentVolumeClaim data-pvc {"readOnly":true}' },
    ],
  },
  {
    name: 'labels and annotations',
    after: tpl((t) => {
      t.metadata = {
        labels: { app: 'web', track: 'canary' },
        annotations: { 'kubectl.kubernetes.io/restartedAt': 'now' },
      };
    }),
    title: 'Pod labels',
    changes: [{ field: 'track', kind: 'added', after: 'canary' }],
  },
  {
    name: 'pod spec fields and tolerations',
    after: tpl((t) => {
      t.spec!.serviceAccountName = 'web-v2';
      t.spec!.tolerations = [{ key: 'dedicated', operator: 'Exists' }];
    }),
    title: 'Pod spec',
    changes: [
      { field: 'serviceAccountName', kind: 'changed', before: 'web', after: 'web-v2' },
      { field: 'tolerations {"key":"dedicated","operator":"Exists"}', kind: 'added' },
    ],
  },
  {
    name: 'container added',
    after: tpl((t) => {
      t.spec!.containers.push({ name: 'sidecar', image: 'envoy:1.30' });
    }),
    title: 'Container "sidecar"',
    changes: [{ field: 'container', kind: 'added', after: 'envoy:1.30' }],
  },
];

for (const c of cases) {
  test(`diffTemplates: ${c.name}`, () => {
    const d = diffTemplates(tpl(), c.after);
    assert.equal(d.equal, false);
    assert.deepEqual(section(d.sections, c.title).changes, c.changes);
  });
}

test('annotations get their own section', () => {
  const d = diffTemplates(
    tpl(),
    tpl((t) => {
      t.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' };
    }),
  );
  assert.deepEqual(section(d.sections, 'Pod annotations').changes, [
    { field: 'kubectl.kubernetes.io/restartedAt', kind: 'added', after: '2026-01-01T00:00:00Z' },
  ]);
  assert.equal(d.changeCount, 1);
});

test('the pod-template-hash label, list order and empty values are not changes', () => {
  const after = tpl((t) => {
    t.metadata!.labels!['pod-template-hash'] = 'abc123';
    c0(t).env = [...(c0(t).env ?? [])].reverse();
    t.spec!.nodeSelector = {};
    t.spec!.initContainers = [];
  });
  const d = diffTemplates(tpl(), after);
  assert.deepEqual(d, { equal: true, changeCount: 0, sections: [] });
  assert.equal(
    templatesEqual(
      tpl(),
      tpl((t) => {
        t.metadata!.labels!['pod-template-hash'] = 'zzz';
      }),
    ),
    true,
  );
  assert.equal(
    templatesEqual(
      tpl(),
      tpl((t) => {
        c0(t).image = 'other';
      }),
    ),
    false,
  );
});

test('normalize turns Dates to strings and drops null and empty values', () => {
  assert.deepEqual(normalize({ b: null, a: [], c: {}, d: new Date('2026-01-01T00:00:00Z'), e: [1] }), {
    d: '2026-01-01T00:00:00.000Z',
    e: [1],
  });
});
