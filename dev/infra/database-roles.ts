import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * The PostgreSQL roles of a development stack (`npm start`, `npm run cluster`), made by its launcher as the
 * server's superuser before anything else connects, as a DBA's bootstrap does in production
 * (docs/operations.md, "Database roles"; docker-compose.yml's deploy/postgres/initdb):
 *
 * - `migrator` owns the application's database and every object of the product's schema, and runs the migrations;
 * - `api` and `worker` log in and are members of the group roles the product's migrations grant to
 *   (`renewals_api`, `renewals_worker`: src/persistence/migrations/1764800000000-runtime-roles.ts);
 * - `sandboxes` owns the partner simulator's schema (`sandbox`) and nothing else: the simulator stands for the
 *   partners' own systems, so one role both migrates and runs it, and it has no right on the product's tables;
 * - `temporal` owns Temporal's databases (the cluster's persistence and visibility) and nothing else.
 *
 * None is a superuser, none may create roles or databases, and the databases accept connections only from the
 * roles that use them. Passwords are generated per data folder and kept in it (`postgres-roles.json`, mode 0600,
 * never committed), so a data folder keeps working across restarts and each folder has its own.
 */
export const LOGIN_ROLES = ['migrator', 'api', 'worker', 'sandboxes', 'temporal'] as const;
export type LoginRole = (typeof LOGIN_ROLES)[number];

export interface Login {
  user: string;
  password: string;
}
export type DatabaseLogins = Record<LoginRole, Login>;

/** The NOLOGIN group roles the product's migrations grant to, and the login role that is a member of each. */
export const GROUP_ROLES = { renewals_api: 'api', renewals_worker: 'worker' } as const satisfies Record<
  string,
  LoginRole
>;

/** The file, in a data folder, that keeps its roles' passwords. */
export const LOGINS_FILE = 'postgres-roles.json';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** base64url: nothing a quoted SQL literal or a URL needs to escape. */
const PASSWORD = /^[A-Za-z0-9_-]{20,}$/;

/**
 * The data folder's logins, made on its first start. `prefix` names them apart when several stacks share one
 * server (the tests).
 */
export function databaseLogins(dataDir: string, prefix = ''): DatabaseLogins {
  const file = join(dataDir, LOGINS_FILE);
  if (!existsSync(file)) {
    const logins = Object.fromEntries(
      LOGIN_ROLES.map((role) => [role, { user: `${prefix}${role}`, password: randomBytes(24).toString('base64url') }]),
    );
    writeFileSync(file, `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  const logins = JSON.parse(readFileSync(file, 'utf8')) as DatabaseLogins;
  for (const role of LOGIN_ROLES) {
    const login = logins[role];
    if (!login || !IDENTIFIER.test(login.user) || !PASSWORD.test(login.password)) {
      throw new Error(`${file} has no valid login for ${role}: remove the file to have new ones made`);
    }
  }
  return logins;
}

/** `adminUrl` (any database of the server) with the login's name and password, on `database`. */
export function loginUrl(adminUrl: string, login: Login, database: string): string {
  const url = new URL(adminUrl);
  url.username = login.user;
  url.password = login.password;
  url.pathname = `/${database}`;
  return url.toString();
}

export interface RoleBootstrap {
  /** The application's database: created if absent, owned by the migrator; the sandboxes' schema in it. */
  database: string;
  /** Temporal's databases (the cluster's), created if absent, owned by `temporal`. */
  temporalDatabases?: readonly string[];
}

/**
 * Creates or updates the roles and databases as the superuser of `adminUrl`; every step can run again (each
 * start does). A data folder made before the roles existed is taken over: what its superuser owned in the
 * product's schema goes to the migrator, the sandboxes' tables to `sandboxes`, Temporal's to `temporal`.
 */
export async function bootstrapDatabaseRoles(
  adminUrl: string,
  logins: DatabaseLogins,
  options: RoleBootstrap,
): Promise<void> {
  const [database, ...temporalDatabases] = [options.database, ...(options.temporalDatabases ?? [])].map(identifier);
  const user = (role: LoginRole) => identifier(logins[role].user);
  // Temporal's role where there are Temporal databases (the cluster's; `npm start`'s dev server keeps SQLite).
  const roles = LOGIN_ROLES.filter((role) => role !== 'temporal' || temporalDatabases.length > 0);
  await withClient(adminUrl, 'postgres', async (db) => {
    for (const role of roles) {
      const { password } = logins[role];
      if (!PASSWORD.test(password)) throw new Error(`The password of ${role} is not base64url`);
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${password}'`;
      const exists = (await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [logins[role].user])).rowCount;
      await db.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${user(role)} WITH ${attributes}`);
    }
    for (const [group, member] of Object.entries(GROUP_ROLES)) {
      await createRoleIfAbsent(db, group);
      await db.query(`GRANT ${group} TO ${user(member)}`);
    }
    await ownDatabase(db, database, user('migrator'));
    await db.query(
      `GRANT CONNECT ON DATABASE ${database} TO ${Object.keys(GROUP_ROLES).join(', ')}, ${user('sandboxes')}`,
    );
    for (const name of temporalDatabases) await ownDatabase(db, name, user('temporal'));
    // The maintenance database is the superuser's.
    await db.query(`REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC`);
  });
  await withClient(adminUrl, database, async (db) => {
    await db.query(`CREATE SCHEMA IF NOT EXISTS sandbox AUTHORIZATION ${user('sandboxes')}`);
    await db.query(`ALTER SCHEMA sandbox OWNER TO ${user('sandboxes')}`);
    // Tables the product's history once made for the sandboxes, which their first migration moves into their schema.
    await adoptSchema(db, 'public', user('sandboxes'), `c.relname LIKE 'sandbox\\_%'`);
    await adoptSchema(db, 'public', user('migrator'), `c.relname NOT LIKE 'sandbox\\_%'`);
    await adoptSchema(db, 'sandbox', user('sandboxes'));
  });
  for (const name of temporalDatabases) {
    await withClient(adminUrl, name, (db) => adoptSchema(db, 'public', user('temporal')));
  }
}

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`${JSON.stringify(name)} is not a plain lower-case identifier`);
  return name;
}

async function withClient<T>(adminUrl: string, database: string, work: (db: Client) => Promise<T>): Promise<T> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Roles belong to the server: another database's migration (the tests' own) may be creating it at this moment. */
async function createRoleIfAbsent(db: Client, role: string): Promise<void> {
  await db.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${identifier(role)}') THEN
        CREATE ROLE ${role} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
}

/** The database exists, belongs to `owner`, and no role but those granted may connect to it or make objects in it. */
async function ownDatabase(db: Client, database: string, owner: string): Promise<void> {
  const exists = (await db.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount;
  await db.query(
    exists ? `ALTER DATABASE ${database} OWNER TO ${owner}` : `CREATE DATABASE ${database} OWNER ${owner}`,
  );
  await db.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
}

/**
 * Gives `owner` the tables, views, sequences and functions of `schema` that another role owns (a sequence that
 * belongs to a column moves with its table; an extension's functions stay the extension's).
 */
async function adoptSchema(db: Client, schema: string, owner: string, filter = 'true'): Promise<void> {
  await db.query(`
    DO $$
    DECLARE r record;
    BEGIN
      FOR r IN
        SELECT c.oid::regclass AS name,
               CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              ELSE 'TABLE' END AS kind
          FROM pg_class c
         WHERE c.relnamespace = '${identifier(schema)}'::regnamespace AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
           AND c.relowner <> '${owner}'::regrole AND (${filter})
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND d.deptype IN ('a', 'i'))
      LOOP
        EXECUTE format('ALTER %s %s OWNER TO ${owner}', r.kind, r.name);
      END LOOP;
      FOR r IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p
         WHERE p.pronamespace = '${schema}'::regnamespace AND p.proowner <> '${owner}'::regrole
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                              AND d.deptype = 'e')
      LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO ${owner}', r.name);
      END LOOP;
    END $$`);
}
