import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { IsIn, IsNumber, IsPositive, IsString, validateSync } from 'class-validator';

export class ConfigError extends Error {}

/**
 * Builds and validates a component's configuration from environment variables (mapped to the
 * DTO's property names by `names`). A bad value stops the process with a message naming it.
 */
export function loadConfig<T extends object>(cls: ClassConstructor<T>, env: NodeJS.ProcessEnv, names: Partial<Record<keyof T, string>>): T {
  const raw: Record<string, unknown> = {};
  for (const [prop, envName] of Object.entries(names) as [string, string][]) {
    if (env[envName] !== undefined && env[envName] !== '') raw[prop] = env[envName];
  }
  const config = plainToInstance(cls, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config as object);
  if (errors.length) {
    const lines = errors.map((e) => {
      const envName = (names as Record<string, string>)[e.property] ?? e.property;
      return `  ${envName}=${JSON.stringify(env[envName] ?? e.value)}: ${Object.values(e.constraints ?? {}).join("; ")}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

/** What every component is configured with: where NATS is, the time scale, how much to log. */
export class ComponentConfig {
  @IsString()
  natsUrl: string = 'nats://127.0.0.1:4222';

  /** Multiplies every Kubernetes duration (0.1 = ten times faster). */
  @IsNumber()
  @IsPositive()
  timeScale: number = 1;

  @IsIn(['error', 'warn', 'log'])
  logLevel: 'error' | 'warn' | 'log' = 'log';
}

/** The environment variables of ComponentConfig's fields. */
export const COMPONENT_ENV = { natsUrl: 'KUBESIM_NATS_URL', timeScale: 'KUBESIM_TIME_SCALE', logLevel: 'KUBESIM_LOG_LEVEL' } as const;
