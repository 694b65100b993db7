// @ts-check
/**
 * The import rules of docs/architecture.md, checked by `npm run lint`
 * (`depcruise`). Each rule names a layer and what it must not import; the
 * comment says why. The product's entry points (src/<folder>/main.ts and the
 * migration command) wire its layers together and are free of the layering
 * rules, never of the first one: the product does not import its harness.
 */

/** The product's entry points: the only product code that reads process.env and composes every layer. */
const ENTRY_POINTS = ['^src/[^/]+/main\\.ts$', '^src/persistence/migrate\\.ts$', '^src/persistence/rotate-keys\\.ts$'];

/** The product: what the production image compiles and ships (tsconfig.build.json, Dockerfile). */
const PRODUCT = '^(?:src|workflows|activities)/';
/** What is not the product: the development harness (launchers, partner simulator, tools, benchmarks) and the tests. */
const HARNESS = '^(?:dev|test)/';

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
    {
      name: 'product-never-imports-harness',
      comment:
        'The product is what production runs; the harness (dev/) and the tests compose it with sandboxes, infrastructure and tools, never the other way round. No exception, entry points included: a process that needs a partner simulator is handed one.',
      severity: 'error',
      from: { path: PRODUCT },
      to: { path: HARNESS },
    },
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
      'Activities do the I/O of the workflow through ports and repositories; they never reach into the API, the wiring or workflow internals.',
      '^activities/',
      ['^src/(?:api|wiring|worker|temporal)/', WORKFLOW_INTERNALS],
    ),
    forbid(
      'api-layering',
      'The API talks to Temporal through its client and to partners through ports; it never runs activities or workflow internals, and it is handed its adapters (src/wiring) rather than choosing them.',
      '^src/api/',
      ['^activities/', '^src/(?:wiring|worker)/', WORKFLOW_INTERNALS, HTTP_ADAPTERS],
    ),
    forbid(
      'persistence-layering',
      'Persistence speaks SQL for the product and knows only the shared vocabulary and the domain. Its schema history creates the product’s tables and nothing else (the sandboxes have a schema and history of their own).',
      '^src/persistence/',
      ['^activities/', '^src/(?:api|integrations|worker|wiring|temporal|config)/', WORKFLOW_INTERNALS],
    ),
    forbid(
      'integrations-layering',
      'Ports, wire formats and HTTP adapters: they know the contract, the domain and their own configuration, never the database (nor, as all the product, the simulator that stands in for them).',
      '^src/integrations/',
      ['^activities/', '^src/(?:api|persistence|worker|wiring|temporal)/', WORKFLOW_INTERNALS],
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
      'The partner simulator runs as a service of its own (npm run start:sandboxes, its own image): it speaks the partners’ wire formats behind the same ports, owns its data, and knows nothing of our API, activities, persistence, HTTP adapters, nor of the rest of the harness.',
      '^dev/sandboxes/',
      [
        '^activities/',
        '^src/(?:api|persistence|worker|wiring|temporal|telemetry)/',
        WORKFLOW_INTERNALS,
        HTTP_ADAPTERS,
        '^dev/(?!sandboxes/)',
        '^test/',
      ],
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
      'Connection, codec, search-attribute and schedule helpers serve the API, the worker and the harness alike, so they import none of them.',
      '^src/temporal/',
      ['^activities/', '^src/(?:api|integrations|persistence|worker|wiring)/', WORKFLOW_INTERNALS],
    ),
    forbid(
      'telemetry-layering',
      'Logs, metrics and traces serve every process (API, worker, wiring, activities), so they import none of them: they are handed what to count.',
      '^src/telemetry/',
      ['^activities/', '^src/(?:api|integrations|persistence|worker|wiring|temporal)/', WORKFLOW_INTERNALS],
    ),
    forbid(
      'wiring-layering',
      'The wiring picks an adapter per partner (HTTP, or one it is handed); it is used by the worker and the entry points, never the other way round.',
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
      'The pages bundle Preact, the event-stream parser and oauth4webapi (sign-in); any other package or Node built-in would not run in a browser.',
      '^src/web/',
      '^node_modules/(?:preact|eventsource-parser|oauth4webapi)/',
    ),
    forbid(
      'worker-layering',
      'The worker hosts workflows and activities; the API is a separate process.',
      '^src/worker/',
      ['^src/api/'],
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
