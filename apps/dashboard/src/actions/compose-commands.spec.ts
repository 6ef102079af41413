import { composeCommand } from './compose-commands';

describe('what the dashboard tells a compose user to run instead', () => {
  it.each([
    ['kill', 'docker compose kill kubelet-2'],
    ['stop', 'docker compose stop kubelet-2'],
    ['start', 'docker compose start kubelet-2'],
    ['partition', 'docker network disconnect kubesim_default kubesim-kubelet-2-1'],
    ['heal', 'docker network connect kubesim_default kubesim-kubelet-2-1'],
  ] as const)('%s node-2 → %s', (op, command) => {
    expect(composeCommand(op, 'node-2', 'kubesim')).toBe(command);
  });
});
