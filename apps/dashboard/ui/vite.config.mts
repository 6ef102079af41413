import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The dashboard's front end: Preact with the automatic JSX runtime (Vite's own transform, no
// Babel), built into dist/ next to the dashboard app that serves it. No CDN, no runtime fetches
// from anywhere but the dashboard itself.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../../dist/apps/dashboard/ui', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
  logLevel: 'warn',
});
