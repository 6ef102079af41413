import { ConfigError } from '@kubesim/api';

export function logLevels(level: 'error' | 'warn' | 'log'): ('error' | 'warn' | 'log')[] {
  return level === 'error' ? ['error'] : level === 'warn' ? ['error', 'warn'] : ['error', 'warn', 'log'];
}

/**
 * A component's main: load and validate its configuration (a bad one stops the process with a
 * message naming the variable, exit 2), then start it (a failure to start is exit 1).
 */
export function runComponent<C>(name: string, load: () => C, start: (config: C) => Promise<unknown>): void {
  let config: C;
  try {
    config = load();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`${name}: ${e.message}`);
    process.exit(2);
  }
  start(config).catch((e) => {
    console.error(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  });
}
