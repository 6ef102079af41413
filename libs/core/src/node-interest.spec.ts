import { describe, expect, it } from 'vitest';
import { kubeletInterest } from './node-interest';
import { subjectOf, type ObjectKey } from './object-key';

const subject = (kind: string, namespace: string, name: string) => subjectOf('ks', { kind: kind as ObjectKey['kind'], namespace, name });

describe('what a kubelet reads of the log (decided from the subject, before parsing)', () => {
  const reads = kubeletInterest('rack.a-2');

  it('its own Node, not the others', () => {
    expect(reads(subject('Node', '', 'rack.a-2'))).toBe(true);
    expect(reads(subject('Node', '', 'node-2'))).toBe(false);
  });

  it('a pool reads every Node (it may host any of them later)', () => {
    expect(kubeletInterest()(subject('Node', '', 'node-2'))).toBe(true);
    expect(kubeletInterest()(subject('Event', 'default', 'x'))).toBe(false);
  });

  it('pods and what pods reference, Services and EndpointSlices', () => {
    for (const kind of ['Pod', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'Service', 'EndpointSlice']) expect(reads(subject(kind, 'default', 'x'))).toBe(true);
    expect(reads(subject('PersistentVolume', '', 'pv-1'))).toBe(true);
  });

  it('not Events, workloads, namespaces or custom resources', () => {
    for (const kind of ['Event', 'ReplicaSet', 'Deployment', 'Job', 'StatefulSet', 'ControllerRevision', 'CronTab']) expect(reads(subject(kind, 'default', 'x'))).toBe(false);
    expect(reads(subject('Namespace', '', 'default'))).toBe(false);
    expect(reads(subject('CustomResourceDefinition', '', 'crontabs.stable.example.com'))).toBe(false);
  });
});
