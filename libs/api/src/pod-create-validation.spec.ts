import { describe, expect, it } from 'vitest';
import { defaultPod } from './defaults';
import { podCreateCauses, qualifiedNameErrors, schedulingGateUpdateCauses } from './pod-create-validation';

const containers = [{ name: 'pause', image: 'registry.k8s.io/pause:3.6' }];

describe('ValidatePodCreate', () => {
  it('refuses ephemeral containers on create, as kube-apiserver does', () => {
    expect(podCreateCauses({ containers, ephemeralContainers: [{ name: 'debugger', image: 'busybox' }] })).toEqual([
      { reason: 'FieldValueForbidden', message: 'Forbidden: cannot be set on create', field: 'spec.ephemeralContainers' },
    ]);
  });

  it('an empty ephemeralContainers list is no ephemeral container', () => {
    expect(podCreateCauses({ containers, ephemeralContainers: [] })).toEqual([]);
  });

  it('refuses nodeName while gated', () => {
    expect(podCreateCauses({ containers, nodeName: 'node-1', schedulingGates: [{ name: 'a' }] })).toEqual([
      { reason: 'FieldValueForbidden', message: 'Forbidden: cannot be set until all schedulingGates have been cleared', field: 'spec.nodeName' },
    ]);
  });

  it('gates are qualified names, each once', () => {
    const causes = podCreateCauses({ containers, schedulingGates: [{ name: 'example.com/foo' }, { name: 'example.com/foo' }, { name: 'bad name' }] });
    expect(causes.map((c) => `${c.field}: ${c.reason}`)).toEqual(['spec.schedulingGates[1]: FieldValueDuplicate', 'spec.schedulingGates[2]: FieldValueInvalid']);
    expect(causes[1].message).toContain(`Invalid value: "bad name": name part must consist of alphanumeric characters`);
  });
});

describe('qualifiedNameErrors (apimachinery IsQualifiedName)', () => {
  it.each([['example.com/foo'], ['foo'], ['My.Name_1']])('%s is valid', (n) => expect(qualifiedNameErrors(n)).toEqual([]));
  it.each([['', 'name part must be non-empty'], ['/foo', 'prefix part must be non-empty'], ['Example.com/foo', 'prefix part a lowercase RFC 1123 subdomain'], ['a/b/c', 'a qualified name must consist']])(
    '%j → %s',
    (n, msg) => expect(qualifiedNameErrors(n)[0]).toContain(msg),
  );
});

describe('scheduling gates on update', () => {
  it('may only be removed', () => {
    expect(schedulingGateUpdateCauses({ schedulingGates: [{ name: 'b' }] }, { schedulingGates: [{ name: 'a' }, { name: 'b' }] })).toEqual([]);
    expect(schedulingGateUpdateCauses({ schedulingGates: [{ name: 'a' }, { name: 'c' }] }, { schedulingGates: [{ name: 'a' }] })).toEqual([
      { reason: 'FieldValueForbidden', message: "Forbidden: only deletion is allowed, but found new scheduling gate 'c'", field: 'spec.schedulingGates[1].name' },
    ]);
  });
});

describe('applySchedulingGatedCondition', () => {
  const ctx = { uid: 'u', now: '2024-05-01T10:00:00Z', suffix: 'xxxxx' };
  it('a gated pod is created with PodScheduled=False, reason SchedulingGated', () => {
    const pod = defaultPod({ metadata: { name: 'test-pod' }, spec: { containers, schedulingGates: [{ name: 'example.com/foo' }] } }, 'default', ctx);
    expect(pod.status.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: null },
    ]);
  });
  it('an ungated pod has no condition yet', () => {
    expect(defaultPod({ metadata: { name: 'p' }, spec: { containers } }, 'default', ctx).status.conditions).toBeUndefined();
  });
});
