// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.data/',
      '.data-*/',
      '.tools/',
      'tmp/',
      'coverage/',
      'dev/bench/.data/',
      'dev/bench/results/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: {
      // Workflow state is declared before the message handlers that read it and assigned later.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Personal data must never reach a log line; console output is for the entry points only.
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The environment is read once, by each entry point, into the configuration object it passes down.
    files: ['src/**/*.ts', 'activities/**/*.ts', 'workflows/**/*.ts'],
    ignores: [
      'dev/embedded/main.ts',
      'src/*/main.ts',
      'src/persistence/migrate.ts',
      'src/persistence/rotate-keys.ts',
      'dev/tools/token.ts',
      'dev/tools/write-openapi.ts',
      'dev/infra/install-temporal-binaries.ts',
      'dev/infra/temporal-cli.ts',
      'dev/tools/install-*.ts',
      'dev/cluster/build-tools.ts',
      'dev/tools/deps-check.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Take the configuration your entry point loaded instead.' },
      ],
    },
  },
  {
    // Command-line entry points print; tests and benchmarks may print the evidence they gather (timelines, counts).
    files: [
      'dev/infra/install-temporal-binaries.ts',
      'src/persistence/rotate-keys.ts',
      'dev/tools/install-node24.ts',
      'dev/tools/deps-check.ts',
      'dev/launcher/console-logger.ts',
      'test/**/*.ts',
      'dev/bench/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
