import { COMMAND_CPU_MS, CPU_BUDGET_MS, CPU_SLICE_MS, CPU_QUANTUM_MS } from './process';
import { container, sh, T0 } from './shell.spec-helpers';

describe('a program without sleep costs simulated CPU, not the caller', () => {
  it('`while true; do :; done` returns from advance, having used at most its budget of CPU time', () => {
    const { proc } = sh('while true; do :; done', container(), T0 + 3_600_000);
    expect(proc.exit).toBeUndefined();
    // CPU time it did not get in one advance is lost, as for a throttled cgroup; it resumes after now.
    expect(proc.cpuUsedMs).toBeGreaterThanOrEqual(CPU_BUDGET_MS);
    expect(proc.cpuUsedMs).toBeLessThanOrEqual(CPU_BUDGET_MS + 2 * CPU_QUANTUM_MS);
    expect(proc.nextWakeAt).toBeGreaterThan(T0 + 3_600_000);
  });

  it('asks to be advanced one slice later, not at every quantum', () => {
    const { proc } = sh('while :; do :; done', container(), T0 + 1000);
    expect(proc.nextWakeAt).toBeGreaterThanOrEqual(T0 + 1000 + CPU_SLICE_MS);
    expect(proc.nextWakeAt).toBeLessThanOrEqual(T0 + 1000 + CPU_SLICE_MS + 2 * CPU_QUANTUM_MS);
  });

  it('advanced often, it gets all the CPU time that passed', () => {
    const { proc } = sh('until false; do true; done', container(), T0);
    for (let t = T0; t <= T0 + 1000; t += 50) proc.advance(t);
    expect(proc.cpuUsedMs).toBeGreaterThan(1000 - 2 * CPU_QUANTUM_MS);
  });

  it('a finite loop without sleep ends, and takes simulated time in proportion to its commands', () => {
    const words = Array.from({ length: 2000 }, (_, i) => i).join(' ');
    const r = sh(`for i in ${words}; do :; done; echo $i`);
    expect(r.out).toEqual(['1999']);
    // 2000 `:` and one echo.
    expect(r.exit!.at - T0).toBeGreaterThanOrEqual(2001 * COMMAND_CPU_MS - CPU_QUANTUM_MS - 0.01);
    expect(r.exit!.at - T0).toBeLessThanOrEqual(2001 * COMMAND_CPU_MS + CPU_QUANTUM_MS + 0.01);
  });

  it('a sleeping job beside a computing one wakes on time', () => {
    const r = sh('(while :; do :; done) & sleep 2; echo woke', container(), T0 + 2000);
    expect(r.lines).toEqual([{ stream: 'stdout', line: 'woke', at: T0 + 2000 }]);
  });

  it('SIGTERM with a trap ends a busy loop at its next command', () => {
    const { proc } = sh("trap 'exit 143' TERM; while :; do :; done", container(), T0 + 500);
    proc.signal('TERM', T0 + 500);
    proc.advance(T0 + 600);
    expect(proc.exit?.code).toBe(143);
    expect(proc.exit!.at).toBeLessThanOrEqual(T0 + 500 + 2 * CPU_QUANTUM_MS);
  });
});

describe('driven by real timers as the kubelet drives it', () => {
  it('a lease-like timer keeps its period while a busy loop runs', async () => {
    const { proc } = sh('while true; do :; done', container(), Date.now());
    let timer: NodeJS.Timeout | undefined;
    const drive = () => {
      proc.advance(Date.now());
      timer = setTimeout(drive, Math.max(0, (proc.nextWakeAt ?? Date.now() + 1000) - Date.now()));
    };
    drive();
    const ticks: number[] = [];
    const lease = setInterval(() => ticks.push(Date.now()), 20);
    await new Promise((r) => setTimeout(r, 600));
    clearInterval(lease);
    clearTimeout(timer);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
    expect(ticks.length).toBeGreaterThanOrEqual(10);
    // Loose on purpose (a shared machine): the point is that the timer runs at all.
    expect(Math.max(...gaps)).toBeLessThan(300);
    expect(proc.cpuUsedMs).toBeGreaterThan(0);
  });
});
