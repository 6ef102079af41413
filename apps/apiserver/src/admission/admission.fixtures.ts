import type { KubeObject } from '@kubesim/api';
import { keyOfObject, keyString, MapView } from '@kubesim/core';
import { aNamespace } from '@kubesim/testing';
import type { AdmissionContext } from './admission';

/** The `default` ServiceAccount the serviceaccount controller keeps in every namespace. */
export const defaultServiceAccount = (namespace: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace, uid: `sa-${namespace}`, resourceVersion: '1', creationTimestamp: '2024-05-01T09:00:00Z' } }) as KubeObject;

/** A store holding these objects, and the `default` ServiceAccount of each namespace among them. */
export function viewOf(...objects: KubeObject[]): MapView {
  const v = new MapView();
  for (const o of objects) {
    v.set(keyString(keyOfObject(o)), o);
    if (o.kind === 'Namespace') v.set(keyString(keyOfObject(defaultServiceAccount(o.metadata.name))), defaultServiceAccount(o.metadata.name));
  }
  return v;
}

/** Fixed ids and clock. */
export const SPEC_ADMISSION: AdmissionContext = { now: Date.parse('2024-05-01T10:00:00Z'), uid: () => 'uid-1', suffix: () => 'x7k2p' };

export const terminating = (name: string): KubeObject => ({ ...aNamespace(name), status: { phase: 'Terminating' }, metadata: { ...aNamespace(name).metadata, deletionTimestamp: '2024-05-01T09:59:00Z' } });

export const limitRange = (name: string, limits: Record<string, unknown>[], namespace = 'default'): KubeObject =>
  ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2024-05-01T09:00:00Z' }, spec: { limits } }) as unknown as KubeObject;

export const quota = (name: string, hard: Record<string, string>, namespace = 'default', scopes?: string[]): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2024-05-01T09:00:00Z' }, spec: { hard, ...(scopes ? { scopes } : {}) }, status: {} }) as unknown as KubeObject;

/** A pod manifest as a user writes it: one container per entry of `resources`. */
export const podManifest = (name: string, ...containers: { name: string; requests?: Record<string, string>; limits?: Record<string, string> }[]) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: containers.map((c) => ({ name: c.name, image: 'nginx', resources: { ...(c.requests ? { requests: c.requests } : {}), ...(c.limits ? { limits: c.limits } : {}) } })) },
});
