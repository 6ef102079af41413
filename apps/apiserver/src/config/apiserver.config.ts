import { COMPONENT_ENV, ComponentConfig, loadConfig } from '@kubesim/api';
import { CLUSTER_CIDR, EVENT_TTL_SECONDS, parseClusterCidr } from '@kubesim/core';
import { IsInt, IsString, Max, Min, Validate, type ValidatorConstraintInterface, ValidatorConstraint, type ValidationArguments } from 'class-validator';

@ValidatorConstraint({ name: 'clusterCidr' })
class IsClusterCidr implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return typeof v === 'string' && !('error' in parseClusterCidr(v));
  }
  defaultMessage(a: ValidationArguments) {
    const r = typeof a.value === 'string' ? parseClusterCidr(a.value) : { error: 'must be a string' };
    return 'error' in r ? r.error : '';
  }
}

export class ApiserverConfig extends ComponentConfig {
  @IsString()
  host: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 8080;

  /** `/readyz` answers 200 only once this many nodes are Ready. */
  @IsInt()
  @Min(0)
  expectedNodes: number = 0;

  @IsString()
  stream: string = 'KUBESIM';

  /** kube-apiserver's `--event-ttl` in seconds (× time scale); 0 keeps Events forever. */
  @IsInt()
  @Min(0)
  eventTtlSeconds: number = EVENT_TTL_SECONDS;

  /** kube-apiserver's `--disable-admission-plugins` (comma-separated; `ServiceAccount` is the one kubesim knows). */
  @IsString()
  disableAdmissionPlugins: string = '';

  /**
   * The cluster's `pki/` directory (CA, serving certificate, `tokens.csv`), generated there when
   * missing: the apiserver serves HTTPS and authenticates every request. Empty: `--insecure`,
   * plain anonymous HTTP, everyone allowed everything.
   */
  @IsString()
  pkiDir: string = '';

  /**
   * With `pkiDir`: also write `<pkiDir>/kubeconfig` (CA and admin token) naming this server URL —
   * compose's `https://127.0.0.1:8080`, for `docker compose exec -T apiserver cat /var/lib/kubesim/pki/kubeconfig`.
   */
  @IsString()
  kubeconfigServer: string = '';

  /** More names or IPs for the serving certificate (comma-separated; compose: `apiserver`). */
  @IsString()
  tlsSans: string = '';
  /** kube-controller-manager's `--cluster-cidr`: nodes' /24 pod CIDRs are cut from it. */
  @Validate(IsClusterCidr)
  clusterCidr: string = CLUSTER_CIDR;
}

export const loadApiserverConfig = (env = process.env) =>
  loadConfig(ApiserverConfig, env, {
    ...COMPONENT_ENV,
    host: 'KUBESIM_API_HOST',
    port: 'KUBESIM_API_PORT',
    expectedNodes: 'KUBESIM_EXPECTED_NODES',
    stream: 'KUBESIM_STREAM',
    eventTtlSeconds: 'KUBESIM_EVENT_TTL_SECONDS',
    disableAdmissionPlugins: 'KUBESIM_DISABLE_ADMISSION_PLUGINS',
    pkiDir: 'KUBESIM_PKI_DIR',
    tlsSans: 'KUBESIM_TLS_SANS',
    kubeconfigServer: 'KUBESIM_KUBECONFIG_SERVER',
    clusterCidr: 'KUBESIM_CLUSTER_CIDR',
  });
