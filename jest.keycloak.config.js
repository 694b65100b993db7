// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config, extending the base one
const base = require('./jest.config');

/**
 * `npm run test:keycloak`: the API and pages against Keycloak (test/keycloak/), apart from `npm test` because it
 * downloads Keycloak (168 MiB, once, into .tools/) and runs a JVM beside the suite's servers.
 * @type {import('jest').Config}
 */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['<rootDir>/test/keycloak/**/*.test.ts'],
  // A first run downloads and re-augments Keycloak before its first start.
  testTimeout: 600_000,
};
