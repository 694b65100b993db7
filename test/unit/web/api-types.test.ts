import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/config/paths';

/** The generator's command line, as `npm run openapi:pages` (part of `npm run openapi`) runs it. */
function pageTypesScript(): { args: string[]; output: string } {
  const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const [command, ...args] = (scripts['openapi:pages'] as string).split(/\s+/);
  expect(command).toBe('openapi-typescript');
  const at = args.indexOf('--output');
  expect(at).toBeGreaterThanOrEqual(0);
  const [, output] = args.splice(at, 2);
  return { args, output };
}

describe('the pages’ API types', () => {
  it('are exactly what openapi-typescript makes of the committed openapi.json (regenerate with `npm run openapi`)', () => {
    const { args, output } = pageTypesScript();
    // openapi-typescript is ESM-only: it runs in a process of its own, with the script's own arguments, to stdout.
    const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
    const generated = execFileSync(process.execPath, [cli, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(generated).toContain('export interface components');
    expect(generated).toBe(readFileSync(join(PROJECT_ROOT, output), 'utf8'));
  });
});
