import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createProjectionActivities } from '../../activities/projection';
import {
  bootstrapDatabaseRoles,
  databaseLogins,
  type DatabaseLogins,
  type LoginRole,
  loginUrl,
} from '../../dev/infra/database-roles';
import { runSandboxMigrations } from '../../dev/sandboxes/database';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { dataSourceOptions, migrations, openDataSource, runMigrations } from '../../src/persistence/data-source';
import { createPersistence, type Persistence } from '../../src/persistence/persistence';
import { RateLimitHitsRepository } from '../../src/persistence/repositories/rate-limit-hits.repository';
import { billKey, envelopeBarcode, printJobKey, shipmentKey } from '../../workflows/contract';
import { freshNationalId } from '../support/fixtures';
import { createEmptyDatabase } from '../support/databases';
import { testPersonalData } from '../support/personal-data-keys';
import { requireEnv } from '../support/temporal-test-env';

type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE' | 'REFERENCES' | 'TRIGGER';

/**
 * What each process does with each table, derived from the repositories it calls (the API: creation, reads,
 * idempotency, webhooks, the audit; the worker: the projection, the partner activities' mirrors, the SMS outbox,
 * housekeeping's purges, erasure and re-encryption, `npm run keys:rotate`). `UPDATE (col)` is a column grant.
 * A table of the product's schema missing here fails the first test: every new table says who may do what.
 */
const EXPECTED: Record<string, { renewals_api: string[]; renewals_worker: string[] }> = {
  renewals: { renewals_api: ['INSERT', 'SELECT'], renewals_worker: ['SELECT', 'UPDATE'] },
  audit_events: { renewals_api: ['INSERT', 'SELECT'], renewals_worker: ['INSERT', 'SELECT (event_key)'] },
  bills: { renewals_api: ['SELECT'], renewals_worker: ['INSERT', 'SELECT', 'UPDATE'] },
  print_jobs: { renewals_api: [], renewals_worker: ['INSERT', 'SELECT', 'UPDATE'] },
  shipments: { renewals_api: ['SELECT'], renewals_worker: ['INSERT', 'SELECT', 'UPDATE'] },
  loss_claims: { renewals_api: ['SELECT'], renewals_worker: ['INSERT', 'SELECT', 'UPDATE'] },
  idempotency_keys: {
    renewals_api: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
    renewals_worker: ['DELETE', 'SELECT', 'UPDATE (response_enc)', 'UPDATE (response_key)'],
  },
  webhook_receipts: {
    renewals_api: ['INSERT', 'SELECT', 'UPDATE'],
    renewals_worker: ['DELETE', 'SELECT', 'UPDATE (outcome)'],
  },
  sms_outbox: { renewals_api: ['SELECT'], renewals_worker: ['INSERT', 'SELECT', 'UPDATE'] },
  rate_limit_hits: { renewals_api: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'], renewals_worker: [] },
  decode_log: { renewals_api: ['INSERT', 'SELECT'], renewals_worker: [] },
  migrations: { renewals_api: [], renewals_worker: [] },
  // Written only by the audit trail's trigger, as the owner; the API acknowledges.
  operator_alerts: {
    renewals_api: ['SELECT', 'UPDATE (acknowledged_at)', 'UPDATE (acknowledged_by)', 'UPDATE (acknowledgement_note)'],
    renewals_worker: [],
  },
};

/**
 * The roles of a deployment on a real server: a database migrated by its superuser before roles existed, taken
 * over by the launchers' bootstrap (dev/infra/database-roles.ts), then migrated by the migrator, whose migration
 * 1764800000000 grants the runtime roles what their process does. Each login then connects and does its
 * process's work, and is refused the rest; the audit trail takes no UPDATE, DELETE or TRUNCATE from either.
 */
describe('database roles (real PostgreSQL)', () => {
  const adminUrl = requireEnv('DATABASE_URL');
  const protection = testPersonalData();
  let dataDir: string;
  let logins: DatabaseLogins;
  let database: string;
  let admin: Client;
  const opened: Array<{ destroy(): Promise<void> } | Client> = [];

  const urlOf = (role: LoginRole) => loginUrl(adminUrl, logins[role], database);
  async function clientAs(role: LoginRole): Promise<Client> {
    const client = new Client({ connectionString: urlOf(role) });
    await client.connect();
    opened.push(client);
    return client;
  }
  async function persistenceAs(role: 'api' | 'worker'): Promise<Persistence> {
    const db = await openDataSource(urlOf(role), 2, `roles-test-${role}`);
    opened.push(db);
    return createPersistence(db, protection);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'roles-'));
    logins = databaseLogins(dataDir, `t${randomUUID().slice(0, 6)}_`);
    database = `roles_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    // A database as the previous version left it: migrated by the superuser, which owns everything.
    const url = await createEmptyDatabase(adminUrl, database);
    const previous = await new DataSource({
      ...dataSourceOptions(url),
      // Those before the roles: the ones after them are the migrator's, as they will be.
      migrations: migrations().slice(
        0,
        migrations().findIndex((migration) => migration.name === 'RuntimeRoles1764800000000'),
      ),
    }).initialize();
    try {
      await previous.runMigrations({ transaction: 'each' });
    } finally {
      await previous.destroy();
    }
    await runSandboxMigrations(url);
    await bootstrapDatabaseRoles(adminUrl, logins, { database, temporalDatabases: [`${database}_temporal`] });
    await runMigrations(urlOf('migrator'));
    await runSandboxMigrations(urlOf('sandboxes'));
    admin = new Client({ connectionString: url });
    await admin.connect();
    opened.push(admin);
  });
  afterAll(async () => {
    for (const db of opened.reverse()) await ('end' in db ? db.end() : db.destroy()).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has the migrator own the product’s schema and the sandboxes theirs, and no login superuser or role maker', async () => {
    const owners = await admin.query<{ schema: string; owner: string; objects: number }>(
      `SELECT n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner, count(*)::int AS objects
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'sandbox') GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(owners.rows.map(({ schema, owner }) => ({ schema, owner }))).toEqual([
      { schema: 'public', owner: logins.migrator.user },
      { schema: 'sandbox', owner: logins.sandboxes.user },
    ]);
    const attributes = await admin.query(
      `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolcanlogin FROM pg_roles
        WHERE rolname = ANY($1) OR rolname IN ('renewals_api', 'renewals_worker') ORDER BY rolname`,
      [Object.values(logins).map((login) => login.user)],
    );
    for (const role of attributes.rows) {
      expect(role).toMatchObject({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
      expect(role.rolcanlogin).toBe(!role.rolname.startsWith('renewals_'));
    }
    expect(attributes.rows).toHaveLength(2 + Object.keys(logins).length);
  });

  it('grants each runtime role exactly what its process does, table by table, and nothing by default', async () => {
    const tables = await admin.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
    );
    expect(tables.rows.map((row) => row.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    const granted = await admin.query<{ name: string; grantee: string; privilege: Privilege; column: string | null }>(
      `SELECT c.relname AS name, g.rolname AS grantee, a.privilege_type AS privilege, NULL AS column
         FROM pg_class c, aclexplode(c.relacl) a JOIN pg_roles g ON g.oid = a.grantee
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
       UNION ALL
       SELECT c.relname, g.rolname, a.privilege_type, t.attname
         FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid, aclexplode(t.attacl) a
         JOIN pg_roles g ON g.oid = a.grantee
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'`,
    );
    const actual: Record<string, Record<string, string[]>> = {};
    for (const row of granted.rows) {
      if (row.grantee === logins.migrator.user) continue;
      const privilege = row.column ? `${row.privilege} (${row.column})` : row.privilege;
      ((actual[row.name] ??= {})[row.grantee] ??= []).push(privilege);
    }
    const expected: Record<string, Record<string, string[]>> = {};
    for (const [table, roles] of Object.entries(EXPECTED)) {
      for (const [role, privileges] of Object.entries(roles)) {
        if (privileges.length) (expected[table] ??= {})[role] = [...privileges].sort();
      }
    }
    for (const roles of Object.values(actual)) for (const list of Object.values(roles)) list.sort();
    // No other grantee (PUBLIC included): only the migrator, the owner, is left out above.
    expect(actual).toEqual(expected);
    // The sequences of future tables are usable, their tables are not: each migration grants its own.
    const defaults = await admin.query<{ kind: string; acl: string }>(
      `SELECT d.defaclobjtype AS kind, d.defaclacl::text AS acl FROM pg_default_acl d
        WHERE d.defaclrole = $1::regrole AND d.defaclnamespace = 'public'::regnamespace`,
      [logins.migrator.user],
    );
    expect(defaults.rows).toEqual([
      {
        kind: 'S',
        acl: '{renewals_api=U/' + logins.migrator.user + ',renewals_worker=U/' + logins.migrator.user + '}',
      },
    ]);
  });

  it.each(['api', 'worker'] as const)(
    'lets %s append to the audit trail and find a line by its key, and refuses it UPDATE, DELETE and TRUNCATE there',
    async (role) => {
      const db = await clientAs(role);
      const eventKey = `roles-test:${randomUUID()}`;
      await db.query(
        `INSERT INTO audit_events (event_key, actor, action, outcome, details, occurred_at)
         VALUES ($1, 'test', 'roles.checked', 'OK', '{}', now())`,
        [eventKey],
      );
      expect((await db.query('SELECT 1 FROM audit_events WHERE event_key = $1', [eventKey])).rowCount).toBe(1);
      for (const statement of [
        `UPDATE audit_events SET outcome = 'REWRITTEN' WHERE event_key = '${eventKey}'`,
        `DELETE FROM audit_events WHERE event_key = '${eventKey}'`,
        'TRUNCATE audit_events',
      ]) {
        await expect(db.query(statement)).rejects.toThrow('permission denied for table audit_events');
      }
      expect((await admin.query('SELECT outcome FROM audit_events WHERE event_key = $1', [eventKey])).rows).toEqual([
        { outcome: 'OK' },
      ]);
    },
  );

  it('lets the API append to the decode log and its supervisors read it, and refuses rewriting it or the worker reading it', async () => {
    const api = await persistenceAs('api');
    const actor = `operator:roles-${randomUUID()}`;
    const record = { actor, namespace: 'default', payloads: 3, clientIp: '10.0.0.1', userAgent: 'ui', origin: null };
    expect((await api.decodeLog.append(record, 600_000)).payloadsInWindow).toBe(3);
    expect((await api.decodeLog.list({ actor }, 5)).entries).toHaveLength(1);
    const db = await clientAs('api');
    for (const statement of [
      `UPDATE decode_log SET payloads = 0 WHERE actor = '${actor}'`,
      `DELETE FROM decode_log WHERE actor = '${actor}'`,
      'TRUNCATE decode_log',
    ]) {
      await expect(db.query(statement)).rejects.toThrow('permission denied for table decode_log');
    }
    const worker = await clientAs('worker');
    await expect(worker.query('SELECT 1 FROM decode_log')).rejects.toThrow('permission denied for table decode_log');
  });

  it('lets the API do its work: create and read renewals, idempotency records, webhooks, look-ups', async () => {
    const api = await persistenceAs('api');
    const nationalId = freshNationalId();
    const renewalId = randomUUID();
    await api.transaction(async (tx) => {
      await tx.renewals.lockCreationsOf(nationalId);
      expect(await tx.renewals.openOf(nationalId)).toBeNull();
      await tx.renewals.recordCreated({ renewalId, nationalId, officeId: 'RUH-01', policy: DEFAULT_POLICY });
    });
    expect(await api.renewals.findInScope(renewalId, { nationalId })).toMatchObject({ renewalId });
    expect(await api.renewals.ofCitizen(nationalId, 5)).toHaveLength(1);
    expect(await api.renewals.readyForPickup(nationalId, 'RUH-01')).toEqual([]);
    expect(await api.renewals.awaitingAddressOf(nationalId)).toBeUndefined();
    expect(await api.renewals.exists(renewalId)).toBe(true);
    expect((await api.renewals.list({ officeId: 'RUH-01' }, { limit: 1 })).rows).toHaveLength(1);
    expect((await api.renewals.count({ officeId: 'RUH-01' })).count).toBeGreaterThan(0);
    expect(await api.renewals.byReferenceNumber(-1)).toBeNull();
    expect((await api.renewals.pickupQueue('RUH-01', { limit: 5 })).rows).toEqual([]);
    expect((await api.renewals.countByStage()).length).toBeGreaterThan(0);

    const request = { scope: `citizen:${randomUUID()}`, key: randomUUID() };
    expect(await api.idempotencyKeys.claim(request, 'hash', 30)).toBe(true);
    expect(await api.idempotencyKeys.takeOverExpired(request, 30)).toBe(false);
    await api.idempotencyKeys.complete(request, 201, { renewalId });
    expect(await api.idempotencyKeys.find(request)).toMatchObject({ state: 'COMPLETED', responseBody: { renewalId } });
    const failed = { scope: request.scope, key: randomUUID() };
    await api.idempotencyKeys.claim(failed, 'hash', 30);
    await api.idempotencyKeys.release(failed);

    const webhookId = randomUUID();
    expect(await api.webhookReceipts.receive('sadad', webhookId)).toBe(true);
    await api.webhookReceipts.settle('sadad', webhookId, renewalId, 'APPLIED');
    await api.audit.append({
      eventKey: `api:${webhookId}`,
      renewalId,
      actor: 'test',
      action: 'a',
      outcome: 'OK',
      at: new Date().toISOString(),
    });
    expect(await api.audit.timelineOf(renewalId)).toEqual([]);
    expect((await api.audit.ofRenewal(renewalId, { limit: 5 })).rows).toHaveLength(1);
    // An alert the API raises: the trail's trigger writes its row as the table's owner; the API lists and
    // acknowledges it.
    await api.audit.append({
      eventKey: `api-alert:${webhookId}`,
      renewalId,
      actor: 'service:sadad',
      action: 'operator.alert',
      outcome: 'PAYMENT_AMOUNT_MISMATCH',
      at: new Date().toISOString(),
    });
    const [raised] = (await api.alerts.list({ renewalId }, { limit: 5 })).rows;
    expect(raised).toMatchObject({ kind: 'PAYMENT_AMOUNT_MISMATCH' });
    expect(await api.alerts.acknowledge(raised.alertId, 'operator:roles-test', 'seen', new Date())).toBeDefined();
    expect(await api.bills.byKey(billKey(renewalId))).toBeNull();
    expect(await api.lossClaims.byKey(`${renewalId}/1/loss`)).toBeNull();
    expect(await api.shipments.byEnvelopeBarcode(envelopeBarcode(renewalId, 1))).toBeUndefined();
    expect(await api.shipments.ofCarrierEvent({ trackingNumber: 'SP000000000SA' })).toBeUndefined();
    expect(await api.shipments.openShipmentOf(renewalId)).toBeNull();
    expect(await api.smsOutbox.ofRenewal(renewalId)).toEqual([]);
    // The rate limits every replica shares.
    const apiDb = await openDataSource(urlOf('api'), 1, 'roles-test-rate-limits');
    opened.push(apiDb);
    const limits = new RateLimitHitsRepository(apiDb.manager);
    const key = `roles-test:${randomUUID()}`;
    expect((await limits.hit(key, 100)).hits).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await limits.purgeEnded(1_000)).toBeGreaterThan(0);
  });

  it('lets the worker do its work: projection, partner mirrors, SMS outbox, housekeeping, key rotation', async () => {
    const api = await persistenceAs('api');
    const worker = await persistenceAs('worker');
    const renewalId = randomUUID();
    await api.renewals.recordCreated({
      renewalId,
      nationalId: freshNationalId(),
      officeId: 'RUH-01',
      policy: DEFAULT_POLICY,
    });
    const at = new Date().toISOString();
    await createProjectionActivities(worker).recordProgress({
      renewalId,
      sequence: 1,
      at,
      snapshot: {
        stage: 'AWAITING_PAYMENT',
        deliveryMethod: 'POST',
        officeId: 'RUH-01',
        issueNumber: 1,
        slaBreached: false,
        // The stage clock's mark (migration 1764750000000), written by the worker's table-wide UPDATE.
        overdue: true,
        counterMismatches: 0,
        billNumber: '700100000001',
        amountDueSar: 335,
      },
      timeline: [{ sequence: 1, stage: 'AWAITING_PAYMENT', at, action: 'stage.entered' }],
      notices: [{ key: `${renewalId}/notice-1`, notice: 'BILL_ISSUED', params: { billNumber: '700100000001' } }],
      alerts: [],
    });
    // An alert the projection writes (a line of the trail); the trail's trigger writes its row, as the owner.
    await worker.audit.append({
      eventKey: `alert:${renewalId}/BILL_ISSUE_OVERDUE/1`,
      renewalId,
      actor: 'workflow',
      action: 'operator.alert',
      outcome: 'BILL_ISSUE_OVERDUE',
      at,
    });
    expect((await admin.query('SELECT overdue FROM renewals WHERE renewal_id = $1', [renewalId])).rows).toEqual([
      { overdue: true },
    ]);
    expect((await admin.query('SELECT kind FROM operator_alerts WHERE renewal_id = $1', [renewalId])).rows).toEqual([
      { kind: 'BILL_ISSUE_OVERDUE' },
    ]);
    await worker.bills.recordIssued({
      billKey: billKey(renewalId),
      renewalId,
      billNumber: `7${Date.now()}`.slice(0, 12),
      amountSar: 335,
      status: 'UNPAID',
      expiresAt: at,
    });
    const bill = await worker.bills.byKey(billKey(renewalId));
    await worker.bills.markPaid(bill!.billNumber);
    await worker.bills.markRefunded(bill!.billNumber);
    const jobKey = printJobKey(renewalId, 1, 1);
    await worker.printJobs.recordSubmitted({ jobKey, renewalId, issueNumber: 1, attempt: 1, officeId: 'RUH-01' });
    await worker.printJobs.recordPrinted(jobKey, `T${Date.now()}`.slice(0, 9));
    await worker.printJobs.markCancelled(jobKey);
    const shipment = {
      shipmentKey: shipmentKey(renewalId, 1),
      renewalId,
      issueNumber: 1,
      envelopeBarcode: envelopeBarcode(renewalId, 1),
    };
    await worker.shipments.recordRequested(shipment);
    await worker.shipments.recordTrackingNumber(shipment.shipmentKey, `SP${Date.now()}`.slice(0, 11) + 'SA');
    await worker.shipments.close(shipment.shipmentKey, 'LOST');
    const claimKey = `${renewalId}/1/loss`;
    await worker.lossClaims.recordOpened({
      claimKey,
      renewalId,
      trackingNumber: 'SP1SA',
      carrierClaimId: 'C1',
      liabilitySar: 300,
      status: 'OPEN',
    });
    await worker.lossClaims.markDisputed(claimKey);
    expect(await worker.lossClaims.byKey(claimKey)).toMatchObject({ status: 'DISPUTED' });

    const [claimed] = (await worker.smsOutbox.claimDue(100, 30_000)).filter((notice) => notice.renewalId === renewalId);
    expect(claimed.nationalId).toMatch(/^1\d{9}$/);
    await worker.smsOutbox.retryLater(claimed.messageKey, 'busy', 0);
    await worker.smsOutbox.markSent(claimed.messageKey, { gatewayMessageId: 'm1', language: 'ar' });
    await worker.smsOutbox.markUndeliverable(claimed.messageKey, 'already sent');

    // Housekeeping and `npm run keys:rotate`, which runs with the worker's credentials.
    expect(await worker.idempotencyKeys.purgeOlderThan(7 * 86_400_000, 10)).toBe(0);
    await api.webhookReceipts.receive('print-centre', randomUUID());
    expect(await worker.webhookReceipts.purgeOlderThan(0, 10)).toBeGreaterThan(0);
    await admin.query(
      `UPDATE renewals SET stage = 'COMPLETED', stage_entered_at = now() - interval '100 days' WHERE renewal_id = $1`,
      [renewalId],
    );
    expect(await worker.personalData.eraseEndedBefore(90 * 86_400_000, 10)).toBeGreaterThan(0);
    expect(await worker.personalData.reencryptBatch(10)).toBe(0);
    expect(Object.keys((await worker.personalData.keyUsage()).renewals).length).toBeGreaterThan(0);
  });

  it.each([
    ['api', 'UPDATE renewals SET stage = stage'],
    ['api', 'DELETE FROM renewals'],
    [
      'api',
      `INSERT INTO print_jobs (job_key, renewal_id, issue_number, attempt, office_id, status) VALUES ('k', gen_random_uuid(), 1, 1, 'RUH-01', 'SUBMITTED')`,
    ],
    ['api', 'SELECT 1 FROM print_jobs'],
    ['api', 'TRUNCATE idempotency_keys'],
    [
      'worker',
      `INSERT INTO renewals (renewal_id, stage, delivery_method, office_id, last_sequence, stage_entered_at) VALUES (gen_random_uuid(), 'PRINTING', 'PICKUP', 'RUH-01', 0, now())`,
    ],
    ['worker', 'DELETE FROM renewals'],
    ['worker', 'SELECT 1 FROM rate_limit_hits'],
    // Alerts are raised through the audit trail only, and an acknowledgement changes nothing else of one.
    ['worker', 'SELECT 1 FROM operator_alerts'],
    ['api', "INSERT INTO operator_alerts (alert_id, kind, raised_at) VALUES (-1, 'FORGED', now())"],
    ['api', "UPDATE operator_alerts SET kind = 'FORGED'"],
    [
      'worker',
      `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, state) VALUES ('s', 'k', 'h', 'IN_PROGRESS')`,
    ],
    ['worker', `UPDATE webhook_receipts SET renewal_id = NULL`],
    // The worker writes the audit trail and never reads it (only the key an erasure's ON CONFLICT looks at).
    ['worker', 'SELECT actor, details FROM audit_events'],
    ['api', 'SELECT 1 FROM migrations'],
    ['worker', 'SELECT 1 FROM migrations'],
    ['api', 'SELECT 1 FROM sandbox.registry_people'],
    ['worker', 'SELECT 1 FROM sandbox.print_jobs'],
    ['sandboxes', 'SELECT 1 FROM public.renewals'],
    ['api', 'CREATE TABLE public.intruder (id int)'],
    ['worker', 'CREATE TEMPORARY TABLE scratch (id int)'],
    ['migrator', 'SELECT 1 FROM sandbox.registry_people'],
  ] as const)('refuses %s: %s', async (role, statement) => {
    const db = await clientAs(role);
    await expect(db.query(statement)).rejects.toThrow(/permission denied/);
  });

  // Only the owner changes the schema: a runtime role cannot drop or alter what it reads and writes.
  it.each([
    ['api', 'DROP TABLE renewals'],
    ['api', 'ALTER TABLE audit_events DISABLE TRIGGER ALL'],
    ['worker', 'DROP TABLE audit_events'],
    ['worker', 'ALTER TABLE renewals ADD COLUMN intruder text'],
    ['sandboxes', 'DROP TABLE public.renewals'],
  ] as const)('refuses %s: %s (not the owner)', async (role, statement) => {
    const db = await clientAs(role);
    await expect(db.query(statement)).rejects.toThrow(/must be owner of table (renewals|audit_events)/);
  });

  it('refuses every login, the migrator and Temporal included, the superuser’s role and database making', async () => {
    const ownDatabase: Record<LoginRole, string> = {
      migrator: database,
      api: database,
      worker: database,
      sandboxes: database,
      temporal: `${database}_temporal`,
    };
    for (const role of Object.keys(ownDatabase) as LoginRole[]) {
      const client = new Client({ connectionString: loginUrl(adminUrl, logins[role], ownDatabase[role]) });
      await client.connect();
      opened.push(client);
      await expect(client.query('CREATE ROLE intruder LOGIN SUPERUSER')).rejects.toThrow(
        'permission denied to create role',
      );
      await expect(client.query('CREATE DATABASE intruder')).rejects.toThrow('permission denied to create database');
      await expect(client.query(`ALTER ROLE ${logins[role].user} SUPERUSER`)).rejects.toThrow(/permission denied/);
    }
  });

  it('lets no runtime role connect to a database that is not its own', async () => {
    for (const role of ['api', 'worker', 'sandboxes', 'temporal'] as const) {
      const client = new Client({ connectionString: loginUrl(adminUrl, logins[role], 'postgres') });
      await expect(client.connect()).rejects.toThrow(/permission denied for database "postgres"/);
      await client.end().catch(() => undefined);
    }
    const temporal = new Client({ connectionString: urlOf('temporal') });
    await expect(temporal.connect()).rejects.toThrow(`permission denied for database "${database}"`);
    await temporal.end().catch(() => undefined);
    // Temporal's own databases are its, to make its schema in (temporal-sql-tool's setup-schema).
    const own = new Client({ connectionString: loginUrl(adminUrl, logins.temporal, `${database}_temporal`) });
    await own.connect();
    opened.push(own);
    await own.query('CREATE TABLE schema_version (version text)');
    for (const role of ['api', 'worker', 'sandboxes', 'migrator'] as const) {
      const client = new Client({ connectionString: loginUrl(adminUrl, logins[role], `${database}_temporal`) });
      await expect(client.connect()).rejects.toThrow(/permission denied for database/);
      await client.end().catch(() => undefined);
    }
  });
});
