import { COMPONENT_ENV, ComponentConfig, isQuantity, loadConfig } from '@kubesim/api';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Min, registerDecorator, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

function IsQuantity() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isQuantity',
      target: object.constructor,
      propertyName,
      validator: { validate: (v: unknown) => isQuantity(v), defaultMessage: () => `${propertyName} must be a Kubernetes quantity such as 4, 500m, 8Gi` },
   });
}

/** Each `name=quantity` of the extra resources: a quantity, and not one of the resources with their own setting. */
@ValidatorConstraint({ name: 'extraResources' })
class ExtraResources implements ValidatorConstraintInterface {
  private problem = '';
  validate(v: unknown) {
    this.problem = '';
    for (const [name, q] of Object.entries(parseResources(String(v ?? '')))) {
      if (['cpu', 'memory', 'pods'].includes(name)) this.problem = `resources: ${name} has its own setting (--${name})`;
      else if (!isQuantity(q)) this.problem = `resources: ${name}=${q}: not a Kubernetes quantity such as 2, 500m, 8Gi`;
    }
    return this.problem === '';
  }
  defaultMessage() {
    return this.problem;
  }
}

/** `example.com/foo=2,ephemeral-storage=50Gi` → `{ 'example.com/foo': '2', 'ephemeral-storage': '50Gi' }`. */
export function parseResources(s: string): Record<string, string> {
  return Object.fromEntries(
    s
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  );
}

export class KubeletConfig extends ComponentConfig {
  @IsString()
  @Matches(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { message: 'nodeName must be a lowercase RFC 1123 name such as node-1' })
  nodeName: string = 'node-1';

  @IsQuantity()
  cpu: string = '4';

  @IsQuantity()
  memory: string = '8Gi';

  @IsInt()
  @Min(1)
  pods: number = 110;

  /** `key=value,key2=value2` */
  @IsString()
  @Matches(/^$|^([^=,]+=[^=,]*)(,[^=,]+=[^=,]*)*$/, { message: 'labels must look like key=value,key2=value2' })
  labels: string = '';

  /** More resources the node advertises: `example.com/foo=2,ephemeral-storage=50Gi` (cpu, memory and pods have their own settings). */
  @IsString()
  @Matches(/^$|^(([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?=[^=,]+)(,([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?=[^=,]+)*$/, {
    message: 'resources must look like example.com/foo=2,ephemeral-storage=50Gi',
  })
  @Validate(ExtraResources)
  resources: string = '';

  /** `key=value:NoSchedule,key2:NoExecute` */
  @IsString()
  @Matches(/^$|^([^=,:]+(=[^=,:]*)?:(NoSchedule|PreferNoSchedule|NoExecute))(,[^=,:]+(=[^=,:]*)?:(NoSchedule|PreferNoSchedule|NoExecute))*$/, {
    message: 'taints must look like key=value:NoSchedule,key2:NoExecute',
  })
  taints: string = '';

  @IsOptional()
  @IsString()
  nodeIP?: string;

  @IsBoolean()
  strictImages: boolean = false;

  /** An air-gapped node: containers cannot resolve or reach anything outside the cluster. */
  @IsBoolean()
  offline: boolean = false;

  /** Images already in the node's cache at start, comma-separated (like kind's preloaded images). */
  @IsString()
  preloadedImages: string = 'registry.k8s.io/pause:3.10';

  /**
   * The node's boot: a kubelet started again with the boot its Node reports (`kubesim node
   * stop`/`start`, a crash) finds the containers its runtime kept running; another boot (or none
   * given: each start is a fresh boot) means they are gone. `kubesim up` sets it per node and
   * changes it on `kubesim node kill`.
   */
  @IsString()
  @Matches(/^[-a-zA-Z0-9]*$/, { message: 'bootId must be letters, digits and dashes such as a UUID' })
  bootId: string = '';
}

export const loadKubeletConfig = (env = process.env) =>
  loadConfig(KubeletConfig, env, {
    ...COMPONENT_ENV,
    nodeName: 'KUBESIM_NODE_NAME',
    cpu: 'KUBESIM_NODE_CPU',
    memory: 'KUBESIM_NODE_MEMORY',
    pods: 'KUBESIM_NODE_PODS',
    labels: 'KUBESIM_NODE_LABELS',
    resources: 'KUBESIM_NODE_RESOURCES',
    taints: 'KUBESIM_NODE_TAINTS',
    nodeIP: 'KUBESIM_NODE_IP',
    strictImages: 'KUBESIM_STRICT_IMAGES',
    offline: 'KUBESIM_OFFLINE',
    preloadedImages: 'KUBESIM_PRELOADED_IMAGES',
    bootId: 'KUBESIM_BOOT_ID',
  });
