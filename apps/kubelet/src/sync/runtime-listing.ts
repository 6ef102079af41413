import type { NodeRuntimeReply, Pod, RuntimeContainer, RuntimeSandbox } from '@kubesim/api';
import { containerID, imageID } from '@kubesim/runtime';
import type { ContainerRuntime } from './container-runtime';
import type { PodRuntime } from './pod-runtime';

/**
 * What the node's container runtime holds (`crictl pods`, `crictl ps -a`): each pod's sandbox —
 * the pause container, created before any of the pod's containers — and the containers in it,
 * with the ids the pods' statuses carry. The previous instance of a restarted container is kept
 * (exited) as the kubelet keeps it for `kubectl logs --previous`.
 */
export function runtimeListing(pods: Iterable<{ pod: Pod; runtime: PodRuntime }>): NodeRuntimeReply {
  const sandboxes: RuntimeSandbox[] = [];
  const containers: RuntimeContainer[] = [];
  for (const { pod, runtime } of pods) {
    const sandbox = runtime.sandbox;
    if (!sandbox) continue;
    const finished = [...runtime.containers.values()].every((c) => c.phase.kind === 'exited' && c.phase.final);
    const ref = { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
    sandboxes.push({ id: sandbox.id, createdAt: sandbox.createdAt, state: finished ? 'SANDBOX_NOTREADY' : 'SANDBOX_READY', ...ref, attempt: sandbox.attempt, ip: sandbox.ip });
    const inSandbox = { podSandboxId: sandbox.id, podName: ref.name, podNamespace: ref.namespace };
    for (const c of runtime.containers.values()) {
      const previous = c.lastState.terminated;
      if (previous?.containerID && c.restartCount > 0) {
        const createdAt = Date.parse(previous.startedAt ?? previous.finishedAt ?? '');
        if (createdAt >= sandbox.createdAt) containers.push({ ...identity(c, previous.containerID), createdAt, state: 'CONTAINER_EXITED', attempt: c.restartCount - 1, ...inSandbox });
      }
      const state = stateOf(c);
      if (!state) continue;
      containers.push({ ...identity(c, containerID(`${ref.uid}/${c.spec.name}/${c.restartCount}`)), createdAt: state.createdAt, state: state.state, attempt: c.restartCount, ...inSandbox });
    }
  }
  return { sandboxes, containers };
}

const identity = (c: ContainerRuntime, id: string) => ({ id: id.replace(/^containerd:\/\//, ''), name: c.spec.name, image: c.spec.image, imageId: imageID(c.spec.image).replace(/^.*@/, '') });

function stateOf(c: ContainerRuntime): { state: RuntimeContainer['state']; createdAt: number } | undefined {
  const p = c.phase;
  switch (p.kind) {
    case 'new':
    case 'pulling':
    case 'pull-failed':
      return undefined;
    case 'running':
    case 'stopping':
      return { state: 'CONTAINER_RUNNING', createdAt: p.startedAt };
    case 'exited':
      // A replaced or backed-off instance is the previous one once its restart begins.
      return { state: 'CONTAINER_EXITED', createdAt: p.startedAt };
    default: {
      const _exhaustive: never = p;
      return _exhaustive;
    }
  }
}
