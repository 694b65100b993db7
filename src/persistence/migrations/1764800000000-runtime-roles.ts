import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the API and the worker may do with the product's tables, granted to two NOLOGIN group roles,
 * `renewals_api` and `renewals_worker`, that a deployment makes its login roles members of (docs/operations.md,
 * "Database roles"). The role that runs the migrations owns every table and is the only one that may change the
 * schema; the runtime roles hold exactly what their process does, derived from the repositories each one calls:
 *
 * | table            | API                            | worker                                                |
 * | ---------------- | ------------------------------ | ----------------------------------------------------- |
 * | renewals         | SELECT, INSERT (creation)      | SELECT, UPDATE (progress, erasure, re-encryption)     |
 * | audit_events     | SELECT, INSERT                 | INSERT, SELECT (event_key)                            |
 * | bills            | SELECT                         | SELECT, INSERT, UPDATE                                |
 * | print_jobs       | —                              | SELECT, INSERT, UPDATE                                |
 * | shipments        | SELECT                         | SELECT, INSERT, UPDATE                                |
 * | loss_claims      | SELECT                         | SELECT, INSERT, UPDATE                                |
 * | idempotency_keys | SELECT, INSERT, UPDATE, DELETE | SELECT, UPDATE (response_enc, response_key), DELETE   |
 * | webhook_receipts | SELECT, INSERT, UPDATE         | SELECT, UPDATE (outcome), DELETE                      |
 * | sms_outbox       | SELECT                         | SELECT, INSERT, UPDATE                                |
 * | rate_limit_hits  | SELECT, INSERT, UPDATE, DELETE | —                                                     |
 *
 * Neither gets UPDATE, DELETE or TRUNCATE on the audit trail (its row trigger is only a second line: the owner
 * may disable it, and TRUNCATE never fires it), nor anything on `migrations`. Two column grants look odd and are
 * exact: the worker reads no audit line, but its erasure's `ON CONFLICT (event_key)` must see that column; and it
 * never writes `webhook_receipts.outcome`, but its purge takes the rows it deletes with `FOR UPDATE SKIP LOCKED`,
 * which PostgreSQL allows only to a role that may update a column of them.
 *
 * Why group roles rather than logins named by configuration: roles belong to the server, not to a database,
 * and their passwords have no place in a schema history; a DBA creates logins (or maps the platform's identities
 * onto roles), rotates their passwords and grants membership, and the migrations name only the groups, the
 * same in every deployment. Where the group roles are missing the migration creates them, which needs CREATEROLE
 * (development and test databases, migrated as their superuser); a production migrator has no such right, and
 * the DBA's bootstrap has made them.
 *
 * Future tables: a table gets its grants in the migration that creates it, never by default (a default would hand
 * every new table, whatever it holds, to both processes); the default privileges below make the sequences of
 * future tables usable by both, and test/persistence/database-roles.test.ts fails for a table without its row.
 */
export class RuntimeRoles1764800000000 implements MigrationInterface {
  name = 'RuntimeRoles1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await assertOwnsTables(db, [...TABLES, 'audit_events_id_seq']);
    for (const role of ['renewals_api', 'renewals_worker']) await ensureGroupRole(db, role);

    await db.query(`GRANT USAGE ON SCHEMA public TO renewals_api, renewals_worker`);
    await db.query(`GRANT SELECT, INSERT ON renewals, audit_events TO renewals_api`);
    await db.query(`GRANT SELECT ON bills, shipments, loss_claims, sms_outbox TO renewals_api`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO renewals_api`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON webhook_receipts TO renewals_api`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_hits TO renewals_api`);

    await db.query(`GRANT SELECT, UPDATE ON renewals TO renewals_worker`);
    await db.query(`GRANT INSERT, SELECT (event_key) ON audit_events TO renewals_worker`);
    await db.query(
      `GRANT SELECT, INSERT, UPDATE ON bills, print_jobs, shipments, loss_claims, sms_outbox TO renewals_worker`,
    );
    await db.query(`GRANT SELECT, DELETE, UPDATE (response_enc, response_key) ON idempotency_keys TO renewals_worker`);
    await db.query(`GRANT SELECT, DELETE, UPDATE (outcome) ON webhook_receipts TO renewals_worker`);

    // The audit trail's ids.
    await db.query(`GRANT USAGE ON SEQUENCE audit_events_id_seq TO renewals_api, renewals_worker`);
    await db.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO renewals_api, renewals_worker`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE ON SEQUENCES FROM renewals_api, renewals_worker`,
    );
    await db.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM renewals_api, renewals_worker`);
    await db.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM renewals_api, renewals_worker`);
    await db.query(`REVOKE USAGE ON SCHEMA public FROM renewals_api, renewals_worker`);
    // The roles stay: they belong to the server, and other databases' grants may name them.
  }
}

/** The tables this migration grants on: every table of the product's schema when it was written. */
const TABLES = [
  'renewals',
  'audit_events',
  'bills',
  'print_jobs',
  'shipments',
  'loss_claims',
  'idempotency_keys',
  'webhook_receipts',
  'sms_outbox',
  'rate_limit_hits',
  'migrations',
];

/**
 * A GRANT on a table one does not own is a warning, not an error, and grants nothing: a database whose tables a
 * former superuser owns would migrate "successfully" and then refuse the API and the worker at run time. So the
 * migration refuses first, naming the tables and what to run (docs/operations.md, "Database roles").
 */
async function assertOwnsTables(db: QueryRunner, names: string[]): Promise<void> {
  const foreign: Array<{ name: string; owner: string }> = await db.query(
    `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
        AND NOT pg_has_role(current_user, c.relowner, 'USAGE')
      ORDER BY 1`,
    [names],
  );
  if (foreign.length === 0) return;
  const owners = [...new Set(foreign.map((row) => row.owner))].join(', ');
  throw new Error(
    `The migrations run as ${await currentUser(db)}, but ${foreign.map((row) => row.name).join(', ')} ` +
      `belong to ${owners}: as ${owners} (or a superuser), give them to the migrator first ` +
      `(docs/operations.md, "Database roles": ALTER TABLE ... OWNER TO ${await currentUser(db)})`,
  );
}

async function currentUser(db: QueryRunner): Promise<string> {
  const [row]: Array<{ name: string }> = await db.query(`SELECT current_user AS name`);
  return row.name;
}

/**
 * Creates the NOLOGIN group role unless it exists. Databases on one server share their roles, and two of them
 * may be migrated at once (the tests' throw-away databases), so a concurrent creation is no error.
 */
async function ensureGroupRole(db: QueryRunner, role: string): Promise<void> {
  const [existing]: unknown[] = await db.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
  if (existing) return;
  const [me]: Array<{ may: boolean }> = await db.query(
    `SELECT rolcreaterole OR rolsuper AS may FROM pg_roles WHERE rolname = current_user`,
  );
  if (!me.may) {
    throw new Error(
      `Role ${role} does not exist, and ${await currentUser(db)} may not create it: create the group roles ` +
        `renewals_api and renewals_worker (NOLOGIN) first, as docs/operations.md ("Database roles") shows`,
    );
  }
  await db.query(`
    DO $$ BEGIN
      CREATE ROLE ${role} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
}
