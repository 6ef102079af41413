import type { KubeObject, Node } from '@kubesim/api';
import type { Request } from 'express';
import type { CommandBus, Writer } from '../commands/command-bus';
import { parseBody } from './body';
import { patchRequest } from './decode';
import type { ResourceInfo } from './resources';

/**
 * PATCH/PUT of a Node (`kubectl cordon`, `label`, `taint`): labels, annotations and spec
 * (unschedulable, taints) may change; status belongs to the kubelet and the node controller.
 */
export async function updateNode(bus: CommandBus, info: ResourceInfo, current: Node, req: Request, by: Writer): Promise<KubeObject> {
  const next =
    req.method.toUpperCase() === 'PATCH' ? patchRequest(info, req.header('content-type'), current, req.body) : parseBody(req.body, req.header('content-type'));
  const rv = req.method.toUpperCase() === 'PUT' ? next.metadata?.resourceVersion : undefined;
  const name = current.metadata.name;
  await bus.execute({ type: 'UpdateNodeMetadata', name, labels: next.metadata?.labels, annotations: next.metadata?.annotations, resourceVersion: rv }, by);
  const r = await bus.execute({ type: 'UpdateNodeSpec', name, spec: next.spec ?? {} }, by);
  return r.objects[0] ?? current;
}
