import { join } from 'node:path';
import type { Supervisor } from '../launcher/supervisor';
import type { TemporalServerTools } from './go-tools';
import { POSTGRES_PASSWORD, POSTGRES_USER } from './postgres';

/** Temporal's two databases and the folder of their schema under `schema/postgresql/v12/`. */
export const TEMPORAL_DATABASES = [
  { database: 'temporal', schema: 'temporal' },
  { database: 'temporal_visibility', schema: 'visibility' },
] as const;

/**
 * Creates Temporal's databases and schemas with temporal-sql-tool, the same three steps as
 * docker-compose.yml's `temporal-schema`, on every start: each is idempotent (`create-database`
 * skips an existing database, `setup-schema -v 0.0` only adds the version tables, `update-schema`
 * applies only what is missing), so the same steps migrate a cluster after an upgrade.
 */
export async function setupTemporalSchema(supervisor: Supervisor, tools: TemporalServerTools, port: number) {
  for (const { database, schema } of TEMPORAL_DATABASES) {
    const sqlTool = (...command: string[]) =>
      supervisor.run({
        name: 'temporal-schema',
        command: tools.sqlTool,
        args: [
          ...['--plugin', 'postgres12', '--endpoint', '127.0.0.1', '--port', String(port)],
          ...['--user', POSTGRES_USER, '--password', POSTGRES_PASSWORD, '--database', database],
          ...command,
        ],
      });
    await sqlTool('create-database');
    await sqlTool('setup-schema', '-v', '0.0');
    await sqlTool('update-schema', '-d', join(tools.postgresSchemaDir, schema, 'versioned'));
  }
}
