import { defineConfig } from 'vitest/config';
import swc from 'unplugin-swc';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lib = (name: string) => fileURLToPath(new URL(`./libs/${name}/src/index.ts`, import.meta.url));

/**
 * End-to-end files whose assertions depend on timing under load — a node's lease renewing within
 * its grace period, a busy container not starving its kubelet, kill -9 under a write load — run
 * last, one at a time, with nothing else on the machine.
 */
const TIMING_SENSITIVE_E2E = [
  'tests/e2e/node-failure*.e2e.spec.ts',
  'tests/e2e/runtime.e2e.spec.ts',
  'tests/e2e/eventlog-crash.e2e.spec.ts',
  'tests/e2e/jobs.node-loss.e2e.spec.ts',
  'tests/e2e/supervision.e2e.spec.ts',
  'tests/e2e/node-pools.e2e.spec.ts',
  'tests/e2e/pools-two-machines.e2e.spec.ts',
  'tests/e2e/cluster-cidr.e2e.spec.ts',
  'tests/e2e/statefulset.e2e.spec.ts',
];

// swc (not esbuild) transpiles the tests so that decorator metadata is emitted: without it
// Nest injects `undefined` silently.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@kubesim/api': lib('api'),
      '@kubesim/core': lib('core'),
      '@kubesim/eventlog': lib('eventlog'),
      '@kubesim/scheduling': lib('scheduling'),
      '@kubesim/runtime': lib('runtime'),
      '@kubesim/printers': lib('printers'),
      '@kubesim/testing': lib('testing'),
      '@kubesim/cluster-client': lib('cluster-client'),
      '@kubesim/replay': lib('replay'),
      '@kubesim/kube-rest': lib('kube-rest'),
    },
  },
  test: {
    globals: true,
    // No test may write the user's kubeconfig: a `kubesim up` outside the harness (which gives each
    // cluster its own) merges its context into this throw-away file instead of ~/.kube/config.
    env: { KUBECONFIG: join(tmpdir(), 'kubesim-tests-kubeconfig') },
    // Three groups, one after the other (vitest runs projects with different maxWorkers in
    // separate groups): unit and integration files three at a time, then e2e files two clusters at a
    // time, then the timing-sensitive e2e files one at a time.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts'], exclude: ['**/*.int.spec.ts', 'node_modules/**'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['apps/**/*.int.spec.ts', 'libs/**/*.int.spec.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.spec.ts'],
          exclude: [...TIMING_SENSITIVE_E2E, 'node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two clusters at a time: most of an e2e file's time is the simulated cluster waiting on
          // its (scaled) timers, not CPU.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-timing',
          include: TIMING_SENSITIVE_E2E,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // After everything else, alone: these files measure leases, grace periods and CPU.
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
