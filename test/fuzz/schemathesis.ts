import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';

/**
 * Schemathesis (PyPI) for the API fuzz test: the version pinned in test/fuzz/requirements.txt, installed by
 * `npm run fuzz:install` (.ci/run), or by the test itself when missing (so `npm ci && npm test` works on a fresh
 * machine, as the Temporal binaries do), into the git-ignored `.tools/schemathesis` with `pip install --target`,
 * which works as root and as a normal user and beside a system Python that refuses plain `pip install`. It runs on
 * the Python that installed it: `SCHEMATHESIS_PYTHON`, or `python3` from PATH (the install script uses the same).
 */
export const SCHEMATHESIS_DIR = join(PROJECT_ROOT, '.tools', 'schemathesis');
const REQUIREMENTS = join(PROJECT_ROOT, 'test', 'fuzz', 'requirements.txt');

export interface Schemathesis {
  python: string;
  version: string;
  /** Environment that makes `python -m schemathesis.cli` find the installed packages. */
  env: Record<string, string>;
}

export function pinnedVersion(): string {
  const pin = /^schemathesis==(\S+)$/m.exec(readFileSync(REQUIREMENTS, 'utf8'));
  if (!pin) throw new Error(`${REQUIREMENTS} does not pin schemathesis`);
  return pin[1];
}

function python(): string {
  return process.env.SCHEMATHESIS_PYTHON || 'python3';
}

/**
 * The pinned schemathesis, installed first when it is missing or another version; an Error saying what is
 * missing and how to install it when that fails (no Python, no package registry).
 */
export function ensureSchemathesis(): Schemathesis | Error {
  const found = locateSchemathesis();
  if (!(found instanceof Error) || !existsSync(REQUIREMENTS)) return found;
  const install = spawnSync(
    python(),
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--upgrade',
      '--target',
      SCHEMATHESIS_DIR,
    ].concat(['-r', REQUIREMENTS]),
    { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] },
  );
  if (install.status !== 0) {
    const why = install.error?.message ?? install.stderr.trim().split('\n').pop();
    return new Error(`${found.message}; installing it failed: ${why}`);
  }
  return locateSchemathesis();
}

/** The pinned schemathesis, or an Error saying what is missing and how to install it. */
export function locateSchemathesis(): Schemathesis | Error {
  const version = pinnedVersion();
  const install = `run \`npm run fuzz:install\` (pip install --target ${SCHEMATHESIS_DIR} -r ${REQUIREMENTS})`;
  if (!existsSync(SCHEMATHESIS_DIR)) return new Error(`schemathesis ${version} is not installed: ${install}`);
  const env = { PYTHONPATH: [SCHEMATHESIS_DIR, process.env.PYTHONPATH].filter(Boolean).join(delimiter) };
  const probe = spawnSync(python(), ['-c', 'import schemathesis; print(schemathesis.__version__)'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (probe.error) return new Error(`${python()} cannot be started (${probe.error.message}): set SCHEMATHESIS_PYTHON`);
  const found = probe.stdout.trim();
  if (probe.status !== 0 || found !== version) {
    const why = probe.status === 0 ? `version ${found}` : probe.stderr.trim().split('\n').pop();
    return new Error(
      `schemathesis ${version} does not load from ${SCHEMATHESIS_DIR} with ${python()} (${why}): ${install}`,
    );
  }
  return { python: python(), version, env };
}
