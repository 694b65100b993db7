import { join } from 'node:path';
import type { Supervisor } from '../launcher/supervisor';
import type { TemporalServerTools } from './go-tools';
import type { Login } from '../infra/database-roles';

/** Temporal's two databases and the folder of their schema under `schema/postgresql/v12/`. */
export const TEMPORAL_DATABASES = [
  { database: 'temporal', schema: 'temporal' },
  { database: 'temporal_visibility', schema: 'visibility' },
] as const;

/**
 * Creates or migrates Temporal's schemas with temporal-sql-tool, as Temporal's own role (the owner of both
 * databases, which the launcher's role bootstrap creates: dev/infra/database-roles.ts), the same two steps as
 * docker-compose.yml's `temporal-schema`, on every start: each is idempotent (`setup-schema -v 0.0` only adds
 * the version tables, `update-schema` applies only what is missing), so the same steps migrate a cluster after an
 * upgrade. No `create-database`: that would need CREATEDB, which the role does not have.
 */
export async function setupTemporalSchema(
  supervisor: Supervisor,
  tools: TemporalServerTools,
  port: number,
  login: Login,
) {
  for (const { database, schema } of TEMPORAL_DATABASES) {
    const sqlTool = (...command: string[]) =>
      supervisor.run({
        name: 'temporal-schema',
        command: tools.sqlTool,
        args: [
          ...['--plugin', 'postgres12', '--endpoint', '127.0.0.1', '--port', String(port)],
          ...['--user', login.user, '--password', login.password, '--database', database],
          ...command,
        ],
      });
    await sqlTool('setup-schema', '-v', '0.0');
    await sqlTool('update-schema', '-d', join(tools.postgresSchemaDir, schema, 'versioned'));
  }
}
