import type { Namespace, PlainObject } from '@kubesim/api';
import { describe, expect, it } from 'vitest';
import { reconcileNamespace, ROOT_CA_DESCRIPTION } from './serviceaccounts.reconcile';

const ns = (name: string, phase: 'Active' | 'Terminating' = 'Active'): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, uid: `u-${name}`, resourceVersion: '1', creationTimestamp: '2024-05-01T10:00:00Z' },
  spec: { finalizers: ['kubernetes'] },
  status: { phase },
});
const meta = (name: string, namespace: string, extra: Record<string, unknown> = {}) => ({ name, namespace, uid: 'x', resourceVersion: '2', creationTimestamp: '2024-05-01T10:00:00Z', ...extra });
const sa = (namespace: string): PlainObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', namespace) });
const rootCa = (namespace: string, data: Record<string, string>, annotations = { 'kubernetes.io/description': ROOT_CA_DESCRIPTION }): PlainObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: meta('kube-root-ca.crt', namespace, { annotations }),
  data,
});

describe('the serviceaccount and root-CA publisher controllers, per namespace', () => {
  it('a new Active namespace gets the default ServiceAccount and kube-root-ca.crt with the CA under ca.crt', () => {
    const actions = reconcileNamespace({ namespace: ns('team-a') }, 'PEM');
    expect(actions.map((a) => [a.type, a.by, a.object.kind, a.object.metadata.namespace, a.object.metadata.name])).toEqual([
      ['create', 'serviceaccount-controller', 'ServiceAccount', 'team-a', 'default'],
      ['create', 'root-ca-cert-publisher', 'ConfigMap', 'team-a', 'kube-root-ca.crt'],
    ]);
    expect(actions[1].object.data).toEqual({ 'ca.crt': 'PEM' });
    expect(actions[1].object.metadata.annotations).toEqual({ 'kubernetes.io/description': ROOT_CA_DESCRIPTION });
  });

  it.each([
    ['both present and current', { serviceAccount: sa('a'), rootCa: rootCa('a', { 'ca.crt': 'PEM' }) }, []],
    ['the ServiceAccount deleted: re-created', { rootCa: rootCa('a', { 'ca.crt': 'PEM' }) }, ['create ServiceAccount']],
    ['the ConfigMap deleted: re-created', { serviceAccount: sa('a') }, ['create ConfigMap']],
    ['the CA edited: overwritten', { serviceAccount: sa('a'), rootCa: rootCa('a', { 'ca.crt': 'other' }) }, ['update ConfigMap']],
    ['a key added: overwritten', { serviceAccount: sa('a'), rootCa: rootCa('a', { 'ca.crt': 'PEM', extra: 'x' }) }, ['update ConfigMap']],
    ['the annotation removed: put back', { serviceAccount: sa('a'), rootCa: rootCa('a', { 'ca.crt': 'PEM' }, {} as never) }, ['update ConfigMap']],
  ])('%s', (_name, view, expected) => {
    const actions = reconcileNamespace({ namespace: ns('a'), ...view }, 'PEM');
    expect(actions.map((a) => `${a.type} ${a.object.kind}`)).toEqual(expected);
    for (const a of actions.filter((x) => x.type === 'update')) {
      expect(a.object.data).toEqual({ 'ca.crt': 'PEM' });
      expect(a.object.metadata.annotations?.['kubernetes.io/description']).toBe(ROOT_CA_DESCRIPTION);
    }
  });

  it('a Terminating namespace gets nothing', () => {
    expect(reconcileNamespace({ namespace: ns('a', 'Terminating') }, 'PEM')).toEqual([]);
  });
});
