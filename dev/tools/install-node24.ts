import { ensureNode24 } from './node24';

/**
 * `npm run -s node24:install`: makes sure CI's Node 24 is in `.tools/` and prints the folder to put
 * first on PATH (only that, so a shell can capture it).
 */
console.log(ensureNode24());
