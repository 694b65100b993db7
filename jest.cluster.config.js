// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config, extending the base one
const base = require('./jest.config');

/**
 * `npm run test:cluster`: the tests that need a real Temporal server, run a second time against the
 * cluster of `npm run cluster` (PostgreSQL persistence, SQL visibility, services as separate processes)
 * instead of the dev server, so any difference between the two fails a test. The launcher sets
 * TEST_TEMPORAL_ADDRESS, which test/support/global-setup.ts uses instead of starting a dev server.
 * @type {import('jest').Config}
 */
module.exports = {
  ...base,
  // The replay gate runs after these, on what they left on the cluster (jest.cluster-gate.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/dev/cluster/gate/'],
  testMatch: [
    '<rootDir>/test/dev/cluster/**/*.test.ts',
    '<rootDir>/test/e2e/**/*.test.ts',
    '<rootDir>/test/api/**/*.test.ts',
    '<rootDir>/test/workflows/validator-leaves-no-trace.test.ts',
  ],
};
