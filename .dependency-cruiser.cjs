// @ts-check
/**
 * The import rules of docs/architecture.md, checked by `npm run lint`
 * (`depcruise`). Each rule names a layer and what it must not import; the
 * comment says why. Entry points (src/<folder>/main.ts, the migration command,
 * and the harness's launchers and command-line tools under dev/) wire things
 * together and are free of these rules.
 */

/** Entry points: the only code that reads process.env and composes every layer. */
const ENTRY_POINTS = [
  '^src/[^/]+/main\\.ts$',
  '^dev/[^/]+/main\\.ts$',
  '^src/persistence/migrate\\.ts$',
  '^dev/tools/mint-token\\.ts$',
  '^dev/tools/write-openapi\\.ts$',
  '^dev/infra/install-temporal-binaries\\.ts$',
  '^dev/infra/temporal-cli\\.ts$',
  '^dev/tools/install-[^/]+\\.ts$',
];

/** Workflow code other than the shared contract. */
const WORKFLOW_INTERNALS = '^workflows/(?!contract/)';
/** The HTTP adapters of the partners (the real endpoints), as opposed to their ports and wire formats. */
const HTTP_ADAPTERS = '^src/integrations/(?:[^/]+/http\\.ts$|http/client\\.ts$)';

/**
 * `from` must not import `to`, except `allowed`.
 * @param {string} name @param {string} comment @param {string} from @param {string | string[]} to @param {string} [allowed]
 */
function forbid(name, comment, from, to, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from, pathNot: ENTRY_POINTS },
    to: allowed ? { path: to, pathNot: allowed } : { path: to },
  };
}

/**
 * Code under `from` imports no Node built-in and no package but those under `allowed` (node_modules paths).
 * @param {string} name @param {string} comment @param {string} from @param {string} allowed
 */
function packagesOnly(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    to: {
      dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
      pathNot: allowed,
    },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid(
      'contract-imports-nothing',
      'workflows/contract is the vocabulary every layer shares; it imports nothing of the project, so it cannot drag a layer into another.',
      '^workflows/contract/',
      ['^workflows/(?!contract/)', '^activities/', '^src/'],
    ),
    forbid(
      'workflows-import-workflows',
      'Workflow code is deterministic and bundled for the workflow sandbox: it imports only workflows/ (the contract included).',
      '^workflows/',
      ['^activities/', '^src/', '^test/'],
    ),
    packagesOnly(
      'workflows-no-io-packages',
      'No Node built-in and no package but the Temporal workflow SDK in workflow code: I/O belongs in activities, and the bundle must replay deterministically.',
      '^workflows/',
      '^node_modules/@temporalio/(?:workflow|common)/',
    ),
    forbid(
      'activities-layering',
      'Activities do the I/O of the workflow through ports and repositories; they never reach into the API, the simulator, the wiring or workflow internals.',
      '^activities/',
      ['^dev/sandboxes/', '^src/(?:api|wiring|worker|temporal)/', WORKFLOW_INTERNALS],
    ),
    forbid(
      'api-layering',
      'The API talks to Temporal through its client and to partners through ports; it never runs activities, the simulator or workflow internals, and it is handed its adapters (src/wiring) rather than choosing them.',
      '^src/api/',
      ['^activities/', '^src/(?:sandboxes|wiring|worker)/', WORKFLOW_INTERNALS, HTTP_ADAPTERS],
    ),
    forbid(
      'persistence-layering',
      'Persistence speaks SQL for everyone and knows only the shared vocabulary and the domain. One database holds the sandboxes’ tables too, so the schema history creates them, and the migration that seeds them reads the seed people from the simulator: that data file, and nothing else of it.',
      '^src/persistence/',
      ['^activities/', '^src/(?:api|integrations|sandboxes|worker|wiring|temporal|config)/', WORKFLOW_INTERNALS],
      '^dev/sandboxes/seed-people\\.ts$',
    ),
    forbid(
      'integrations-layering',
      'Ports, wire formats and HTTP adapters: they know the contract, the domain and their own configuration, never the simulator that stands in for them or the database.',
      '^src/integrations/',
      ['^activities/', '^src/(?:api|sandboxes|persistence|worker|wiring|temporal)/', WORKFLOW_INTERNALS],
    ),
    {
      name: 'integrations-config-types-only',
      comment: 'An adapter is given its settings; it never loads configuration itself.',
      severity: 'error',
      from: { path: '^src/integrations/' },
      to: { path: '^src/config/', dependencyTypesNot: ['type-only'] },
    },
    forbid(
      'sandboxes-layering',
      'The partner simulator could run as a service of its own: it speaks the partners’ wire formats behind the same ports, and knows nothing of our API, activities, persistence or HTTP adapters.',
      '^dev/sandboxes/',
      ['^activities/', '^src/(?:api|persistence|worker|wiring|temporal)/', WORKFLOW_INTERNALS, HTTP_ADAPTERS],
    ),
    forbid('domain-imports-nothing', 'Value objects and validation rules stand on their own.', '^src/domain/', [
      '^workflows/',
      '^activities/',
      '^src/(?!domain/)',
    ]),
    forbid(
      'config-imports-contract-only',
      'Configuration is read by the entry points and passed down; it knows the shared vocabulary and nothing that uses it.',
      '^src/config/',
      ['^activities/', '^src/(?!config/)', WORKFLOW_INTERNALS],
    ),
    forbid(
      'temporal-helpers-layering',
      'Connection, codec and dev-server helpers serve the API, the worker and the launcher alike, so they import none of them.',
      '^src/temporal/',
      ['^activities/', '^src/(?:api|integrations|sandboxes|persistence|worker|wiring)/', WORKFLOW_INTERNALS],
    ),
    forbid(
      'telemetry-layering',
      'Logs, metrics and traces serve every process (API, worker, wiring, activities), so they import none of them: they are handed what to count.',
      '^src/telemetry/',
      ['^activities/', '^src/(?:api|integrations|sandboxes|persistence|worker|wiring|temporal)/', WORKFLOW_INTERNALS],
    ),
    forbid(
      'wiring-layering',
      'The wiring picks an adapter per partner (sandbox or HTTP); it is used by the worker and the entry points, never the other way round.',
      '^src/wiring/',
      ['^activities/', '^src/(?:api|persistence|worker|temporal)/', '^workflows/'],
    ),
    forbid(
      'pages-bundle-browser-code',
      'The pages are bundled for the browser (src/api/pages/build-assets.ts): they share the contract’s plain files, never its index or the files built on Temporal’s SDK, and of the server only the domain’s checks and the page settings’ type.',
      '^src/web/',
      [
        '^activities/',
        '^src/(?!web/|domain/|api/pages/page-settings\\.ts$)',
        WORKFLOW_INTERNALS,
        '^workflows/contract/(?:index|messages|search-attributes)\\.ts$',
      ],
    ),
    packagesOnly(
      'pages-browser-packages',
      'The pages bundle Preact and the event-stream parser; any other package or Node built-in would not run in a browser.',
      '^src/web/',
      '^node_modules/(?:preact|eventsource-parser)/',
    ),
    forbid(
      'worker-layering',
      'The worker hosts workflows and activities; the API is a separate process.',
      '^src/worker/',
      ['^src/(?:api|sandboxes)/'],
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(?:dist|\\.data|\\.tools|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
