import { COMPONENT_ENV, ComponentConfig, loadConfig } from '@kubesim/api';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class DashboardConfig extends ComponentConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 8081;

  @IsString()
  host: string = '127.0.0.1';

  /** The apiserver's REST API: every write goes there, as kubectl's do. */
  @IsString()
  server: string = 'http://127.0.0.1:8080';

  /**
   * `kubesim up`'s control socket (`<data-dir>/control.sock`): node kill/stop/start/partition/heal
   * go there, as `kubesim node …`. Unset (docker compose) → the dashboard says which command does it.
   */
  @IsOptional()
  @IsString()
  controlSocket?: string;

  /** A kubeconfig whose current context has the CA and credential for `server` (`kubesim up`: the data dir's; compose: the apiserver volume's). */
  @IsOptional()
  @IsString()
  kubeconfig?: string;

  /** The compose project name, for the `docker compose` commands shown instead (`docker network …` needs it). */
  @IsString()
  composeProject: string = 'kubesim';
}

export const loadDashboardConfig = (env = process.env) =>
  loadConfig(DashboardConfig, env, {
    ...COMPONENT_ENV,
    port: 'KUBESIM_DASHBOARD_PORT',
    host: 'KUBESIM_DASHBOARD_HOST',
    server: 'KUBESIM_SERVER',
    controlSocket: 'KUBESIM_CONTROL_SOCKET',
    kubeconfig: 'KUBESIM_KUBECONFIG',
    composeProject: 'KUBESIM_COMPOSE_PROJECT',
  });
