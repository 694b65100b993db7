/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/dev/cluster/ checks the server is a real cluster: it runs in `npm run test:cluster` (jest.cluster.config.js).
  // test/keycloak/ downloads and runs Keycloak: `npm run test:keycloak` (jest.keycloak.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/dev/cluster/', '<rootDir>/test/keycloak/'],
  // Type checking is `tsc --noEmit` (npm run lint); tests only transpile, which is much faster.
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
    // jose (the API's token verification) and oidc-provider (the sandbox identity provider, whose own tests load it)
    // ship ES modules only, which Jest's CommonJS module system cannot load (Node's own require(esm) serves them
    // everywhere else): compiled to CommonJS here, once, then cached.
    '/node_modules/(jose|oidc-provider)/.+\\.js$': ['ts-jest', { tsconfig: 'tsconfig.jest-esm.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|oidc-provider)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Workflow bundling and real servers make some tests slow; none should hang.
  testTimeout: 120_000,
  maxWorkers: 2,
};
