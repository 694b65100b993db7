import { spawnSync } from 'node:child_process';
import { ensureTemporalBinary } from './temporal-binaries';

/**
 * `npm run temporal -- <args>`: the Temporal CLI wherever this project finds
 * it (PATH, TEMPORAL_CLI_PATH or .tools/, installing it there if missing), so
 * a command pasted from the README runs without knowing where it lives.
 */
const result = spawnSync(ensureTemporalBinary('temporal', process.env), process.argv.slice(2), { stdio: 'inherit' });
process.exit(result.status ?? 1);
