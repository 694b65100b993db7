import { ensureTemporalBinary } from './temporal-binaries';

/** `npm run temporal:install`: makes sure both Temporal servers are available, installing them if needed. */
for (const name of ['temporal', 'temporal-test-server'] as const) {
  console.log(`${name}: ${ensureTemporalBinary(name, process.env)}`);
}
