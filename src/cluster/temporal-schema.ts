import { join } from 'node:path';
import type { Supervisor } from '../launcher/supervisor';
import type { TemporalServerTools } from './go-tools';
import { POSTGRES_PASSWORD, POSTGRES_USER, withClient } from './postgres';

/** Temporal's two databases and the folder of their schema under `schema/postgresql/v12/`. */
export const TEMPORAL_DATABASES = [
  { database: 'temporal', schema: 'temporal' },
  { database: 'temporal_visibility', schema: 'visibility' },
] as const;

async function schemaState(port: number, database: string): Promise<'absent' | 'empty' | 'set up'> {
  const exists = await withClient(port, 'postgres', async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    return rowCount === 1;
  });
  if (!exists) return 'absent';
  return withClient(port, database, async (client) => {
    const { rows } = await client.query(`SELECT to_regclass('schema_version') IS NOT NULL AS present`);
    return rows[0].present === true ? 'set up' : 'empty';
  });
}

/**
 * Creates Temporal's databases and schemas with temporal-sql-tool on first start, and on every start
 * migrates them to the server's version (`update-schema` applies only what is missing), as an upgrade
 * of the pinned version would need.
 */
export async function setupTemporalSchema(supervisor: Supervisor, tools: TemporalServerTools, port: number) {
  for (const { database, schema } of TEMPORAL_DATABASES) {
    const sqlTool = (step: string, ...args: string[]) =>
      supervisor.run({
        name: 'temporal-schema',
        command: tools.sqlTool,
        args: [
          ...['--plugin', 'postgres12', '--endpoint', '127.0.0.1', '--port', String(port)],
          ...['--user', POSTGRES_USER, '--password', POSTGRES_PASSWORD, '--database', database],
          step,
          ...args,
        ],
      });
    const state = await schemaState(port, database);
    if (state === 'absent') await sqlTool('create-database');
    if (state !== 'set up') await sqlTool('setup-schema', '-v', '0.0');
    await sqlTool('update-schema', '-d', join(tools.postgresSchemaDir, schema, 'versioned'));
  }
}
