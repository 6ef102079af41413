import type { NodeRuntimeReply, RuntimeContainer, RuntimeSandbox } from '@kubesim/api';

/** go-units' HumanDuration, as crictl prints CREATED ("About a minute ago"). */
export function goHumanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** crictl's table: Go's tabwriter with minwidth 20, padding 3 (the last column unpadded). */
function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(20, ...all.map((r) => r[i].length + 3)));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('') + '\n').join('');
}

const short = (id: string) => id.slice(0, 13);
const ago = (at: number, now: number) => `${goHumanDuration(now - at)} ago`;
const newestFirst = <T extends { createdAt: number }>(xs: T[]) => [...xs].sort((a, b) => b.createdAt - a.createdAt);

const SANDBOX_STATE: Record<RuntimeSandbox['state'], string> = { SANDBOX_READY: 'Ready', SANDBOX_NOTREADY: 'NotReady' };
const CONTAINER_STATE: Record<RuntimeContainer['state'], string> = { CONTAINER_CREATED: 'Created', CONTAINER_RUNNING: 'Running', CONTAINER_EXITED: 'Exited' };

/** `crictl pods`: the sandboxes, newest first. */
export function printSandboxes(sandboxes: RuntimeSandbox[], now: number): string {
  const rows = newestFirst(sandboxes).map((s) => [short(s.id), ago(s.createdAt, now), SANDBOX_STATE[s.state], s.name, s.namespace, String(s.attempt), '(default)']);
  return table(['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'], rows);
}

/** `crictl ps -a`: the containers, newest first. */
export function printContainers(containers: RuntimeContainer[], now: number): string {
  const rows = newestFirst(containers).map((c) => [short(c.id), short(c.imageId.replace(/^sha256:/, '')), ago(c.createdAt, now), CONTAINER_STATE[c.state], c.name, String(c.attempt), short(c.podSandboxId), c.podName]);
  return table(['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD'], rows);
}

/** `kubesim node ps`: `crictl pods`, then `crictl ps -a`; `pod` keeps one pod's (by name). */
export function printNodeRuntime(r: NodeRuntimeReply, now: number, pod?: string): string {
  const sandboxes = r.sandboxes.filter((s) => !pod || s.name === pod);
  const containers = r.containers.filter((c) => !pod || c.podName === pod);
  return `${printSandboxes(sandboxes, now)}\n${printContainers(containers, now)}`;
}
