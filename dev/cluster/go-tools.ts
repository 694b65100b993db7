import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LauncherLogger } from '../launcher/logger';
import type { Env } from '../../src/config/env';
import { isExecutable, toolsDir } from '../infra/temporal-binaries';

const run = promisify(execFile);

/** The Temporal server this project's cluster runs, and docker-compose.yml's `temporalio/server` tag. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
/** The UI server, and docker-compose.yml's `temporalio/ui` tag. */
export const TEMPORAL_UI_VERSION = '2.42.1';

export interface TemporalServerTools {
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

/** The Temporal server and temporal-sql-tool at the pinned version, built on first use. */
export async function ensureTemporalServer(logger: LauncherLogger, env: Env): Promise<TemporalServerTools> {
  const dir = join(toolsDir(env), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  await ensureGoBuild(
    {
      label: `Temporal server v${TEMPORAL_SERVER_VERSION} and temporal-sql-tool`,
      module: 'go.temporal.io/server',
      version: `v${TEMPORAL_SERVER_VERSION}`,
      binaries: { '/cmd/server': 'temporal-server', '/cmd/tools/sql': 'temporal-sql-tool' },
      keep: { 'schema/postgresql': 'schema/postgresql' },
      dir,
    },
    logger,
    env,
  );
  return {
    server: join(dir, 'bin', 'temporal-server'),
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
