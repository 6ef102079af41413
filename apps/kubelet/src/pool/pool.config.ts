import { COMPONENT_ENV, ComponentConfig, ConfigError, loadConfig, type PoolNodeSpec } from '@kubesim/api';
import { IsString, Matches } from 'class-validator';
import { hostname } from 'node:os';
import { KubeletConfig, loadKubeletConfig } from '../kubelet.config';

/** The `KUBESIM_NODE_*` variable each field of a pool's node entry stands for. */
const NODE_FIELDS: Record<keyof PoolNodeSpec, string> = {
  name: 'KUBESIM_NODE_NAME',
  cpu: 'KUBESIM_NODE_CPU',
  memory: 'KUBESIM_NODE_MEMORY',
  pods: 'KUBESIM_NODE_PODS',
  labels: 'KUBESIM_NODE_LABELS',
  taints: 'KUBESIM_NODE_TAINTS',
  resources: 'KUBESIM_NODE_RESOURCES',
  ip: 'KUBESIM_NODE_IP',
  bootId: 'KUBESIM_BOOT_ID',
};

export class PoolSettings extends ComponentConfig {
  @IsString()
  @Matches(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'pool must be a lowercase name such as pool-1 (it is part of a NATS subject)' })
  pool: string = 'pool-1';
}

/** A kubelet process hosting many nodes: the pool's name and each node's full kubelet configuration. */
export interface PoolConfig {
  settings: PoolSettings;
  nodes: KubeletConfig[];
}

/**
 * A node of the pool: its entry's fields over the pool's own `KUBESIM_NODE_*` (the defaults every
 * node shares), validated as a single kubelet's configuration is.
 */
export function poolNodeConfig(spec: PoolNodeSpec, env: NodeJS.ProcessEnv = process.env, where = `node ${spec.name}`): KubeletConfig {
  const overlay: Record<string, string> = {};
  for (const [field, value] of Object.entries(spec)) {
    const envName = NODE_FIELDS[field as keyof PoolNodeSpec];
    if (!envName) throw new ConfigError(`${where}: unknown field "${field}" (known: ${Object.keys(NODE_FIELDS).join(', ')})`);
    if (value !== undefined) overlay[envName] = String(value);
  }
  try {
    return loadKubeletConfig({ ...env, KUBESIM_BOOT_ID: '', ...overlay });
  } catch (e) {
    throw e instanceof ConfigError ? new ConfigError(`${where}: ${e.message}`) : e;
  }
}

/** The most nodes a name pattern makes (one pool process; more pools for more nodes). */
const MAX_PATTERN_COUNT = 1000;

/**
 * `{"pattern": "node-{host}-{i}", "count": 10, "first": 1}`: names from a pattern, `{i}` the
 * number and `{host}` the machine's host name (a container's id: every replica of a compose
 * service gets names of its own).
 */
function namesFromPattern(o: Record<string, unknown>, host: string): string[] {
  const { pattern, count, first = 1, ...rest } = o;
  const bad = (why: string) => new ConfigError(`invalid configuration:\n  KUBESIM_POOL_NODES: ${why}`);
  if (Object.keys(rest).length) throw bad(`unknown field "${Object.keys(rest)[0]}" in a name pattern (known: pattern, count, first)`);
  if (typeof pattern !== 'string' || !pattern.includes('{i}')) throw bad('a name pattern needs "pattern" with {i} in it, such as "node-{i}"');
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_PATTERN_COUNT) throw bad(`"count" must be an integer from 1 to ${MAX_PATTERN_COUNT}`);
  if (!Number.isInteger(first) || (first as number) < 0) throw bad('"first" must be a non-negative integer');
  return Array.from({ length: count as number }, (_, k) => pattern.replaceAll('{host}', host).replaceAll('{i}', String((first as number) + k)));
}

/**
 * `KUBESIM_POOL_NODES`: a JSON list whose entries are node names (`"node-4"`) or objects with a
 * `name` and any of cpu, memory, pods, labels, taints, resources, ip, bootId — or a name pattern
 * (`{"pattern": "node-{host}-{i}", "count": 10}`). `KUBESIM_POOL_NAME` names the pool (`{host}`
 * allowed). Anything wrong is a ConfigError naming the entry.
 */
export function loadPoolConfig(env: NodeJS.ProcessEnv = process.env, host = hostname().toLowerCase()): PoolConfig {
  const settings = loadConfig(PoolSettings, { ...env, KUBESIM_POOL_NAME: env.KUBESIM_POOL_NAME?.replaceAll('{host}', host) }, { ...COMPONENT_ENV, pool: 'KUBESIM_POOL_NAME' });
  let list: unknown;
  try {
    list = JSON.parse(env.KUBESIM_POOL_NODES ?? '');
  } catch {
    throw new ConfigError(`invalid configuration:\n  KUBESIM_POOL_NODES=${JSON.stringify(env.KUBESIM_POOL_NODES ?? '')}: must be a JSON list of node names or {"name": …} objects, such as ["node-1","node-2"], or a name pattern such as {"pattern":"node-{i}","count":10}`);
  }
  if (list && typeof list === 'object' && !Array.isArray(list)) list = namesFromPattern(list as Record<string, unknown>, host);
  if (!Array.isArray(list) || list.length === 0) throw new ConfigError('invalid configuration:\n  KUBESIM_POOL_NODES: must be a non-empty JSON list of node names or {"name": …} objects');
  const seen = new Set<string>();
  const nodes = list.map((entry, i) => {
    const spec = typeof entry === 'string' ? { name: entry } : entry;
    if (!spec || typeof spec !== 'object' || Array.isArray(spec) || typeof (spec as PoolNodeSpec).name !== 'string') {
      throw new ConfigError(`KUBESIM_POOL_NODES[${i}]: must be a node name or an object with a "name"`);
    }
    const config = poolNodeConfig(spec as PoolNodeSpec, env, `KUBESIM_POOL_NODES[${i}] (${(spec as PoolNodeSpec).name})`);
    if (seen.has(config.nodeName)) throw new ConfigError(`KUBESIM_POOL_NODES[${i}]: node ${config.nodeName} is listed twice`);
    seen.add(config.nodeName);
    return config;
  });
  return { settings, nodes };
}
