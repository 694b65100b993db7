// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', '.data-*/', '.tools/', 'tmp/', 'coverage/'] },
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
      'src/main.ts',
      'src/*/main.ts',
      'src/persistence/migrate.ts',
      'src/api/auth/mint-token.ts',
      'src/api/openapi/write-openapi.ts',
      'src/temporal/install-binaries.ts',
      'src/temporal/cli.ts',
      'src/tools/install-*.ts',
      'src/cluster/build-tools.ts',
      'src/tools/deps-check.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Take the configuration your entry point loaded instead.' },
      ],
    },
  },
  {
    // Command-line entry points print; tests may print the evidence they gather (timelines, counts).
    files: [
      'src/temporal/install-binaries.ts',
      'src/tools/install-node24.ts',
      'src/tools/deps-check.ts',
      'src/launcher/console-logger.ts',
      'test/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
