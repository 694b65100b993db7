/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/dev/cluster/ checks the server is a real cluster: it runs in `npm run test:cluster` (jest.cluster.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/dev/cluster/'],
  // Type checking is `tsc --noEmit` (npm run lint); tests only transpile, which is much faster.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Workflow bundling and real servers make some tests slow; none should hang.
  testTimeout: 120_000,
  maxWorkers: 2,
};
