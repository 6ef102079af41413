import { defineConfig } from 'vitest/config';
import swc from 'unplugin-swc';
import { fileURLToPath } from 'node:url';

const lib = (name: string) => fileURLToPath(new URL(`./libs/${name}/src/index.ts`, import.meta.url));

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
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
