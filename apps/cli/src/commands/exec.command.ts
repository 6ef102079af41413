import type { KubeClient } from '@kubesim/kube-rest';

export interface ExecOptions {
  namespace: string;
  container?: string;
}

/**
 * `kubesim exec POD [-c C] -- CMD…`: one POST to the pod's `exec` subresource (kubesim's exec is
 * a request, not a SPDY stream); prints the command's stdout and stderr and returns its exit code.
 */
export async function execCommand(client: KubeClient, pod: string, command: string[], o: ExecOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (command.length === 0) throw new Error('error: you must specify at least one command for the container');
  const path = `/api/v1/namespaces/${encodeURIComponent(o.namespace)}/pods/${encodeURIComponent(pod)}/exec`;
  const r = await client.post<{ stdout: string; stderr: string; exitCode: number }>(path, { command, ...(o.container ? { container: o.container } : {}) });
  out(r.stdout);
  err(r.stderr);
  if (r.exitCode !== 0) err(`command terminated with exit code ${r.exitCode}\n`);
  return r.exitCode;
}
