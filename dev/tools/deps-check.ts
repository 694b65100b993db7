import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';
import { describeSupport, productionNodeVersion, runtimeSupport } from './node-release-lines';
import { installedNode24 } from './node24';

/**
 * `npm run deps:check`, for a maintainer to run on a schedule: which packages have newer releases
 * (`npm outdated`), and how long the Node.js release lines we develop and run on are still supported.
 * It reports; it does not fail: an outdated package is a task, not a broken build.
 */

function npmOutdated(): void {
  // npm outdated leaves out releases whose `engines` exclude the Node running it, so on Node 20 it
  // would hide what production's Node 24 could take: run npm with CI's Node 24 when it is installed.
  // npm_execpath (set by `npm run`) is npm's own CLI script; the wheel's `npm` does not start.
  const npmCli = process.env.npm_execpath;
  const node = (npmCli && installedNode24()) || process.execPath;
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`Outdated packages, as npm sees them on Node.js ${version} (majors held back: docs/architecture.md):`);
  const [command, args] = npmCli ? [node, [npmCli, 'outdated']] : ['npm', ['outdated']];
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  // npm outdated exits 1 when something is outdated; only a failure to run it at all is worth saying.
  if (result.error) console.log(`  could not run npm outdated: ${result.error.message}`);
  else if (result.status === 0) console.log('  none');
}

function runtimes(today: Date): void {
  console.log('\nNode.js end of life (table in dev/tools/node-release-lines.ts, maintained by hand):');
  const production = productionNodeVersion(readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8'));
  console.log(`  ${describeSupport('running', runtimeSupport(process.version, today))}`);
  console.log(`  ${describeSupport('production (Dockerfile)', runtimeSupport(production, today))}`);
}

npmOutdated();
runtimes(new Date());
