// Runs a TypeScript file in a child process, for tests that kill processes: `node ts-child.cjs <file.ts>`.
// Each .ts module is compiled on load by SWC (the compiler the Temporal worker's bundler already uses).
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS by nature: it installs a require hook. */
const { transformFileSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformFileSync(filename, {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

require(require('node:path').resolve(process.argv[2]));
