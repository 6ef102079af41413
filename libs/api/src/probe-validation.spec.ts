import { podSemanticCauses } from './validate';

const c = (extra: Record<string, unknown>) => ({ containers: [{ name: 'app', image: 'busybox', ...extra }] });

describe('probe and lifecycle hook validation (422 with the field named)', () => {
  it.each([
    ['a probe without a handler', c({ livenessProbe: { periodSeconds: 5 } }), { reason: 'FieldValueRequired', field: 'spec.containers[0].livenessProbe', message: 'Required value: must specify a handler type' }],
    ['two handlers', c({ readinessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } }), { reason: 'FieldValueForbidden', field: 'spec.containers[0].readinessProbe.tcpSocket' }],
    ['an exec without a command', c({ startupProbe: { exec: {} } }), { reason: 'FieldValueRequired', field: 'spec.containers[0].startupProbe.exec.command' }],
    ['periodSeconds 0', c({ livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 0 } }), { field: 'spec.containers[0].livenessProbe.periodSeconds', message: 'Invalid value: 0: must be greater than or equal to 1' }],
    ['liveness successThreshold 2', c({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }), { field: 'spec.containers[0].livenessProbe.successThreshold', message: 'Invalid value: 2: must be 1' }],
    ['a hook without a handler', c({ lifecycle: { preStop: {} } }), { reason: 'FieldValueRequired', field: 'spec.containers[0].lifecycle.preStop' }],
    [
      'a probe on a regular init container',
      { initContainers: [{ name: 'init', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } }], containers: [{ name: 'app', image: 'busybox' }] },
      { reason: 'FieldValueForbidden', field: 'spec.initContainers[0].readinessProbe' },
    ],
  ])('%s', (_name, spec, cause) => {
    expect(podSemanticCauses(spec)).toEqual([expect.objectContaining(cause)]);
  });

  it('valid probes, hooks and a sidecar’s probe pass', () => {
    const spec = {
      initContainers: [{ name: 'side', image: 'busybox', restartPolicy: 'Always', startupProbe: { exec: { command: ['true'] } } }],
      containers: [{ name: 'app', image: 'nginx', readinessProbe: { httpGet: { path: '/', port: 80 }, successThreshold: 2 }, lifecycle: { postStart: { exec: { command: ['true'] } }, preStop: { sleep: { seconds: 5 } } } }],
    };
    expect(podSemanticCauses(spec)).toEqual([]);
  });
});
