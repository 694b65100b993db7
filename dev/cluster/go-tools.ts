import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';
import { promisify } from 'node:util';
import type { LauncherLogger } from '../launcher/logger';
import type { Env } from '../../src/config/env';
import { isExecutable, toolsDir } from '../infra/temporal-binaries';

const run = promisify(execFile);

/** The Temporal server this project's cluster runs, and docker-compose.yml's `temporalio/server` tag. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
/** The UI server, and docker-compose.yml's `temporalio/ui` tag. */
export const TEMPORAL_UI_VERSION = '2.42.1';

/** The server of this project: Temporal's, with our claim mapper and authorizer (deploy/temporal/server). */
export const PASSPORT_SERVER_MODULE = join(PROJECT_ROOT, 'deploy', 'temporal', 'server');

export interface TemporalServerTools {
  /** This project's server build (PASSPORT_SERVER_MODULE), at the pinned Temporal version. */
  server: string;
  sqlTool: string;
  /** `schema/postgresql/v12` of the server module: `temporal/` and `visibility/`, each with `versioned/`. */
  postgresSchemaDir: string;
}

/** A Go program built once into the git-ignored tools folder and reused after that. */
interface GoBuild {
  /** What it is, for messages. */
  label: string;
  module: string;
  version: string;
  /** Package path inside the module → name of the binary to keep. */
  binaries: Record<string, string>;
  /** Folders of the module's source to keep beside the binaries. */
  keep?: Record<string, string>;
  dir: string;
}

async function goVersion(env: Env): Promise<string> {
  try {
    const { stdout } = await run('go', ['version'], { env });
    return stdout.trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'Go is not installed, and the Temporal cluster is built from source with it. Install Go 1.25 or later ' +
          '(e.g. the `golang-go` Debian package, or any Go toolchain on PATH), then run this again. ' +
          'The build runs once and is kept in .tools/.',
        { cause: error },
      );
    }
    throw error;
  }
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}

/**
 * Builds with `go install <module>/<package>@<version>` from the Go module proxy (GOBIN in a temporary
 * folder, moved in place only once every binary built, so an interrupted build is never taken for a
 * finished one), and copies the folders the launcher needs from the module's source.
 */
async function ensureGoBuild(build: GoBuild, logger: LauncherLogger, env: Env): Promise<void> {
  const targets = Object.values(build.binaries).map((name) => join(build.dir, 'bin', name));
  if (targets.every(isExecutable) && Object.keys(build.keep ?? {}).every((to) => existsSync(join(build.dir, to)))) {
    return;
  }
  const go = await goVersion(env);
  logger.log(`Building ${build.label} with ${go} (once; kept in ${build.dir})...`);
  const started = Date.now();
  const staging = `${build.dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'bin'), { recursive: true });
  const packages = Object.keys(build.binaries).map((pkg) => `${build.module}${pkg}@${build.version}`);
  try {
    await run('go', ['install', ...packages], {
      env: { ...env, GOBIN: join(staging, 'bin'), GOFLAGS: `${env.GOFLAGS ?? ''} -trimpath`.trim() },
      maxBuffer: 64 * 1024 * 1024,
    });
    const { stdout } = await run('go', ['mod', 'download', '-json', `${build.module}@${build.version}`], { env });
    const source = (JSON.parse(stdout) as { Dir: string }).Dir;
    for (const [to, from] of Object.entries(build.keep ?? {}))
      cpSync(join(source, from), join(staging, to), { recursive: true });
  } catch (error) {
    const details = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-15).join('\n') ?? '';
    throw new Error(`Building ${build.label} failed: ${(error as Error).message.split('\n')[0]}\n${details}`, {
      cause: error,
    });
  }
  for (const [pkg, name] of Object.entries(build.binaries)) {
    renameSync(join(staging, 'bin', pkg.slice(pkg.lastIndexOf('/') + 1)), join(staging, 'bin', name));
  }
  rmSync(build.dir, { recursive: true, force: true });
  renameSync(staging, build.dir);
  logger.log(`Built ${build.label} in ${formatDuration(Date.now() - started)}`);
}

/**
 * The server this project runs, built from PASSPORT_SERVER_MODULE (go.mod pins Temporal's version, go.sum every
 * module) into a folder named by the hash of its source, so a change of it builds anew; `go build` in the module.
 */
async function ensurePassportServer(logger: LauncherLogger, env: Env): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(PASSPORT_SERVER_MODULE).sort()) {
    if (/\.(go|mod|sum)$/.test(file)) hash.update(file).update(readFileSync(join(PASSPORT_SERVER_MODULE, file)));
  }
  const dir = join(
    toolsDir(env),
    `temporal-server-passport-${TEMPORAL_SERVER_VERSION}-${hash.digest('hex').slice(0, 12)}`,
  );
  const binary = join(dir, 'bin', 'temporal-server');
  if (isExecutable(binary)) return binary;
  const go = await goVersion(env);
  logger.log(
    `Building this project's Temporal server (v${TEMPORAL_SERVER_VERSION}, deploy/temporal/server) with ${go}...`,
  );
  const started = Date.now();
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await run('go', ['build', '-trimpath', '-o', join(staging, 'bin', 'temporal-server'), '.'], {
      cwd: PASSPORT_SERVER_MODULE,
      env: { ...env, GOFLAGS: `${env.GOFLAGS ?? ''} -mod=readonly`.trim() },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const details = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-15).join('\n') ?? '';
    throw new Error(`Building deploy/temporal/server failed: ${(error as Error).message.split('\n')[0]}\n${details}`, {
      cause: error,
    });
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  logger.log(`Built this project's Temporal server in ${formatDuration(Date.now() - started)}`);
  return binary;
}

/** This project's Temporal server, and temporal-sql-tool with the schemas at the pinned version, built on first use. */
export async function ensureTemporalServer(logger: LauncherLogger, env: Env): Promise<TemporalServerTools> {
  const dir = join(toolsDir(env), `temporal-sql-tool-${TEMPORAL_SERVER_VERSION}`);
  await ensureGoBuild(
    {
      label: `temporal-sql-tool v${TEMPORAL_SERVER_VERSION}`,
      module: 'go.temporal.io/server',
      version: `v${TEMPORAL_SERVER_VERSION}`,
      binaries: { '/cmd/tools/sql': 'temporal-sql-tool' },
      keep: { 'schema/postgresql': 'schema/postgresql' },
      dir,
    },
    logger,
    env,
  );
  return {
    server: await ensurePassportServer(logger, env),
    sqlTool: join(dir, 'bin', 'temporal-sql-tool'),
    postgresSchemaDir: join(dir, 'schema', 'postgresql', 'v12'),
  };
}

/** The Temporal UI server at the pinned version, built on first use. */
export async function ensureTemporalUi(logger: LauncherLogger, env: Env): Promise<string> {
  const dir = join(toolsDir(env), `temporal-ui-server-${TEMPORAL_UI_VERSION}`);
  await ensureGoBuild(
    {
      label: `Temporal UI server v${TEMPORAL_UI_VERSION}`,
      module: 'github.com/temporalio/ui-server/v2',
      version: `v${TEMPORAL_UI_VERSION}`,
      binaries: { '/cmd/server': 'temporal-ui-server' },
      dir,
    },
    logger,
    env,
  );
  return join(dir, 'bin', 'temporal-ui-server');
}
