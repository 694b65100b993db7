import { DataSource, DataSourceOptions } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity';
import { BillRecord } from './entities/bill.entity';
import { DecodeLogEntry } from './entities/decode-log-entry.entity';
import { IdempotencyKeyRecord } from './entities/idempotency-key.entity';
import { LossClaimRecord } from './entities/loss-claim.entity';
import { OperatorAlertRecord } from './entities/operator-alert.entity';
import { PrintJobRecord } from './entities/print-job.entity';
import { RateLimitHitRecord } from './entities/rate-limit-hit.entity';
import { RenewalRecord } from './entities/renewal.entity';
import { ShipmentRecord } from './entities/shipment.entity';
import { SmsOutboxRecord } from './entities/sms-outbox.entity';
import { WebhookReceiptRecord } from './entities/webhook-receipt.entity';
import { InitialSchema1764300000000 } from './migrations/1764300000000-initial-schema';
import { RenewalOperations1764350000000 } from './migrations/1764350000000-renewal-operations';
import { Api1764450000000 } from './migrations/1764450000000-api';
import { RenewalPolicy1764500000000 } from './migrations/1764500000000-renewal-policy';
import { RenewalChangeNotices1764512000000 } from './migrations/1764512000000-renewal-change-notices';
import { PartnerFaults1764620000000 } from './migrations/1764620000000-partner-faults';
import { LeanHistory1764630000000 } from './migrations/1764630000000-lean-history';
import { personalDataAtRestMigration } from './migrations/1764700000000-personal-data-at-rest';
import { RateLimits1764710000000 } from './migrations/1764710000000-rate-limits';
import { RenewalOverdue1764750000000 } from './migrations/1764750000000-renewal-overdue';
import { RuntimeRoles1764800000000 } from './migrations/1764800000000-runtime-roles';
import { runMigrationsLocked } from './migration-lock';
import { RenewalReferences1764830000000 } from './migrations/1764830000000-renewal-references';
import { OperatorAlerts1764840000000 } from './migrations/1764840000000-operator-alerts';
import { OperatorListIndexes1764850000000 } from './migrations/1764850000000-operator-list-indexes';
import type { PersonalDataProtection } from './personal-data';
import { DecodeLog1765100000000 } from './migrations/1765100000000-decode-log';

/** Every table the application owns, each created by the migrations below and by nothing else. */
export const ENTITIES = [
  RenewalRecord,
  AuditEvent,
  BillRecord,
  PrintJobRecord,
  ShipmentRecord,
  LossClaimRecord,
  IdempotencyKeyRecord,
  WebhookReceiptRecord,
  SmsOutboxRecord,
  RateLimitHitRecord,
  DecodeLogEntry,
  OperatorAlertRecord,
];
/**
 * The product's schema history. Two migrations it once had, 1764400000000 and 1764640000000, created and
 * seeded the partner simulator's tables; those now have a schema and a history of their own
 * (dev/sandboxes/database.ts), and a database migrated before keeps their rows here, which TypeORM ignores.
 * `protection`: the keys a migration that encrypts what is already stored needs (only a database holding such data
 * needs them; a process that only opens the database passes none).
 */
export function migrations(protection?: PersonalDataProtection) {
  return [
    InitialSchema1764300000000,
    RenewalOperations1764350000000,
    Api1764450000000,
    RenewalPolicy1764500000000,
    RenewalChangeNotices1764512000000,
    PartnerFaults1764620000000,
    LeanHistory1764630000000,
    personalDataAtRestMigration(protection),
    RateLimits1764710000000,
    RenewalOverdue1764750000000,
    RuntimeRoles1764800000000,
    RenewalReferences1764830000000,
    OperatorAlerts1764840000000,
    OperatorListIndexes1764850000000,
    DecodeLog1765100000000,
  ];
}

/** Connections of a pool when its process does not say (API_DATABASE_POOL_SIZE, WORKER_DATABASE_POOL_SIZE). */
export const DEFAULT_POOL_SIZE = 10;

/**
 * One definition of the schema for the API, the worker, the migrations and the tests.
 * `applicationName` tells a process's sessions apart in pg_stat_activity (the bench looks for the API's open transactions).
 */
export function dataSourceOptions(
  url: string,
  poolSize = DEFAULT_POOL_SIZE,
  applicationName = 'renewals',
  protection?: PersonalDataProtection,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    applicationName,
    entities: ENTITIES,
    migrations: migrations(protection),
    // The schema changes only through migrations.
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize },
  };
}

export async function openDataSource(url: string, poolSize?: number, applicationName?: string): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, poolSize, applicationName)).initialize();
}

/**
 * Applies what is pending, under the product's migration lock (src/persistence/migration-lock.ts): replicas that
 * start together migrate one at a time. `protection` for a database holding personal data a migration must encrypt.
 */
export async function runMigrations(url: string, protection?: PersonalDataProtection): Promise<void> {
  const dataSource = await new DataSource(
    dataSourceOptions(url, undefined, 'renewals-migrate', protection),
  ).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
