import { aNamespace } from '@kubesim/testing';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../http/status';
import { viewOf, SPEC_ADMISSION, terminating } from './admission.fixtures';
import { attributesOf } from './attributes';
import { namespaceLifecycle, refuseImmortalDeletion } from './namespace-lifecycle.plugin';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as StatusError).status;
  }
  throw new Error('expected a refusal');
};

describe('NamespaceLifecycle', () => {
  it('refuses a create in a terminating namespace with a 403 and the NamespaceTerminating cause', () => {
    const view = viewOf(terminating('team-a'));
    const s = refusal(() => namespaceLifecycle.admit(attributesOf('CREATE', 'Pod', 'team-a', { metadata: { name: 'web' } }), view, SPEC_ADMISSION));
    expect(s).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'pods "web" is forbidden: unable to create new content in namespace team-a because it is being terminated',
      details: { name: 'web', kind: 'pods', causes: [{ reason: 'NamespaceTerminating', message: 'namespace team-a is being terminated', field: 'metadata.namespace' }] },
    });
  });

  it('quotes the generateName prefix, as it runs before the name is generated', () => {
    const view = viewOf(terminating('team-a'));
    const s = refusal(() => namespaceLifecycle.admit(attributesOf('CREATE', 'Pod', 'team-a', { metadata: { generateName: 'web-6d4cf56db6-' } }), view, SPEC_ADMISSION));
    expect(s.message).toBe('pods "web-6d4cf56db6-" is forbidden: unable to create new content in namespace team-a because it is being terminated');
  });

  it('names the group of a non-core resource', () => {
    const s = refusal(() => namespaceLifecycle.admit(attributesOf('CREATE', 'Deployment', 'team-a', { metadata: { name: 'web' } }), viewOf(terminating('team-a')), SPEC_ADMISSION));
    expect(s.message).toBe('deployments.apps "web" is forbidden: unable to create new content in namespace team-a because it is being terminated');
  });

  it('allows updates in a terminating namespace (finalizers must still be removable)', () => {
    const body = { metadata: { name: 'web' } };
    expect(namespaceLifecycle.admit(attributesOf('UPDATE', 'ConfigMap', 'team-a', body), viewOf(terminating('team-a')), SPEC_ADMISSION)).toBe(body);
  });

  it('a create in a namespace that does not exist is a 404', () => {
    expect(() => namespaceLifecycle.admit(attributesOf('CREATE', 'Pod', 'nope', { metadata: { name: 'web' } }), viewOf(aNamespace('default')), SPEC_ADMISSION)).toThrow('namespaces "nope" not found');
  });

  it.each(['default', 'kube-system', 'kube-public'])('%s may not be deleted', (name) => {
    expect(refusal(() => refuseImmortalDeletion(name))).toMatchObject({ code: 403, message: `namespaces "${name}" is forbidden: this namespace may not be deleted` });
  });
});
