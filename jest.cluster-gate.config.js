// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config, extending the base one
const base = require('./jest.config');

/**
 * The replay gate of `npm run test:cluster`, run once the cluster's tests (jest.cluster.config.js) have finished:
 * the renewals they left on the cluster replayed on this build (test/dev/cluster/gate/).
 * @type {import('jest').Config}
 */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['<rootDir>/test/dev/cluster/gate/**/*.test.ts'],
};
