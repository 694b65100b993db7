import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';
import { describeSupport, productionNodeVersion, runtimeSupport } from './node-release-lines';

/**
 * `npm run deps:check`, for a maintainer to run on a schedule: which packages have newer releases
 * (`npm outdated`), and how long the Node.js release lines we develop and run on are still supported.
 * It reports; it does not fail: an outdated package is a task, not a broken build.
 */

function npmOutdated(): void {
  console.log('Outdated packages (npm outdated; reasons for majors held back: docs/architecture.md):');
  // Under `npm run`, npm_execpath is npm's own CLI script: run it with this node rather than the
  // `npm` on PATH, which may belong to another runtime (Node 24's wheel ships an npm that does not start).
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli ? [process.execPath, [npmCli, 'outdated']] : ['npm', ['outdated']];
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  // npm outdated exits 1 when something is outdated; only a failure to run it at all is worth saying.
  if (result.error) console.log(`  could not run npm outdated: ${result.error.message}`);
  else if (result.status === 0) console.log('  none');
}

function runtimes(today: Date): void {
  console.log('\nNode.js end of life (table in src/tools/node-release-lines.ts, maintained by hand):');
  const production = productionNodeVersion(readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8'));
  console.log(`  ${describeSupport('running', runtimeSupport(process.version, today))}`);
  console.log(`  ${describeSupport('production (Dockerfile)', runtimeSupport(production, today))}`);
}

npmOutdated();
runtimes(new Date());
