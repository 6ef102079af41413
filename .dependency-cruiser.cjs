/**
 * The layout's dependency rules (docs/architecture.md), enforced in CI by `npm run lint:deps`.
 */
const PURE = '^libs/(core|scheduling|runtime|printers)/';
module.exports = {
  forbidden: [
    {
      name: 'apps-do-not-import-apps',
      comment: 'Apps meet on NATS subjects and the REST API, never by importing each other.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'pure-libs-stay-pure',
      comment: 'core, scheduling, runtime and printers: no Nest, no NATS, no I/O.',
      severity: 'error',
      from: { path: PURE, pathNot: '\\.spec\\.ts$' },
      to: { path: ['^libs/(eventlog|cluster-client|testing)/', 'node_modules/(@nestjs|nats|express)/', '^(fs|net|http|https|child_process|dgram|worker_threads)$'] },
    },
    {
      name: 'pure-libs-import-only-pure-libs-and-api',
      severity: 'error',
      from: { path: PURE, pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/', pathNot: ['^libs/(core|scheduling|runtime|printers|api)/'] },
    },
    {
      name: 'no-deep-imports-into-libs',
      comment: 'Import a library by its root alias (@kubesim/x), never a file inside another library.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/', pathNot: '^apps/dashboard/ui/' },
      to: { path: '^libs/([^/]+)/src/(?!index\\.ts$)', pathNot: '^libs/$2/' },
    },
    {
      name: 'browser-code-takes-only-types-from-libs',
      comment: "The dashboard's browser code cannot load the libraries (Node code); it may read a type from a file of one that imports nothing.",
      severity: 'error',
      from: { path: '^apps/dashboard/ui/' },
      to: { path: '^libs/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|node_modules)/' },
  },
};
