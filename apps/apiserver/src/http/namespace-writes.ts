import { DNS1123_LABEL, DNS1123_LABEL_MSG, rfc3339, type KubeObject, type Namespace } from '@kubesim/api';
import { randomUUID } from 'node:crypto';
import type { CommandBus, Writer } from '../commands/command-bus';
import { failure, invalidStatus, StatusError } from './status';

export function namespaceObject(name: string, now: number, uid: string, labels: Record<string, string> = {}): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid, resourceVersion: '', creationTimestamp: rfc3339(now), labels: { 'kubernetes.io/metadata.name': name, ...labels } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export async function createNamespace(bus: CommandBus, body: Record<string, any>, by: Writer): Promise<KubeObject> {
  const name = body.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    throw new StatusError(invalidStatus('Namespace', '', [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]));
  }
  if (!DNS1123_LABEL.test(name) || name.length > 63) {
    throw new StatusError(invalidStatus('Namespace', name, [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(name)}: ${DNS1123_LABEL_MSG}`, field: 'metadata.name' }]));
  }
  const r = await bus.execute({ type: 'CreateNamespace', namespace: namespaceObject(name, Date.now(), randomUUID(), body.metadata?.labels) }, by);
  return r.objects[0]!;
}

export const NAMESPACE_RESOURCE_ERRORS = {
  createNotAllowed: (resource: string) => failure(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (post ${resource})`),
};
