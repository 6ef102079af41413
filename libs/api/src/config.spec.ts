import { ComponentConfig, COMPONENT_ENV, ConfigError, loadConfig } from './config';

describe('component configuration from the environment', () => {
  it('takes defaults, then the variables given', () => {
    expect(loadConfig(ComponentConfig, {}, COMPONENT_ENV)).toMatchObject({ natsUrl: 'nats://127.0.0.1:4222', timeScale: 1, logLevel: 'log' });
    expect(loadConfig(ComponentConfig, { KUBESIM_TIME_SCALE: '0.1', KUBESIM_NATS_URL: 'nats://nats:4222' }, COMPONENT_ENV)).toMatchObject({
      natsUrl: 'nats://nats:4222',
      timeScale: 0.1,
    });
  });

  it.each([
    ['a zero time scale', { KUBESIM_TIME_SCALE: '0' }, /KUBESIM_TIME_SCALE="0": timeScale must be a positive number/],
    ['a time scale that is not a number', { KUBESIM_TIME_SCALE: 'fast' }, /KUBESIM_TIME_SCALE/],
    ['an unknown log level', { KUBESIM_LOG_LEVEL: 'chatty' }, /KUBESIM_LOG_LEVEL="chatty"/],
  ])('refuses %s, naming the variable', (_case, env, message) => {
    expect(() => loadConfig(ComponentConfig, env, COMPONENT_ENV)).toThrow(ConfigError);
    expect(() => loadConfig(ComponentConfig, env, COMPONENT_ENV)).toThrow(message);
  });
});
