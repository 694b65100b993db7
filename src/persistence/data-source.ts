import { DataSource, DataSourceOptions } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity';
import { BillRecord } from './entities/bill.entity';
import { IdempotencyKeyRecord } from './entities/idempotency-key.entity';
import { LossClaimRecord } from './entities/loss-claim.entity';
import { PrintJobRecord } from './entities/print-job.entity';
import { RenewalRecord } from './entities/renewal.entity';
import { ShipmentRecord } from './entities/shipment.entity';
import { SmsOutboxRecord } from './entities/sms-outbox.entity';
import { WebhookReceiptRecord } from './entities/webhook-receipt.entity';
import { InitialSchema1764300000000 } from './migrations/1764300000000-initial-schema';
import { RenewalOperations1764350000000 } from './migrations/1764350000000-renewal-operations';
import { Sandboxes1764400000000 } from './migrations/1764400000000-sandboxes';
import { Api1764450000000 } from './migrations/1764450000000-api';
import { RenewalPolicy1764500000000 } from './migrations/1764500000000-renewal-policy';
import { RenewalChangeNotices1764512000000 } from './migrations/1764512000000-renewal-change-notices';
import { PartnerFaults1764620000000 } from './migrations/1764620000000-partner-faults';
import { LeanHistory1764630000000 } from './migrations/1764630000000-lean-history';
import { SandboxPreferredLanguage1764640000000 } from './migrations/1764640000000-sandbox-preferred-language';

/**
 * Every table the application owns. The sandboxes' tables belong to the partner
 * simulator, which reaches them through its own SQL, so they have no entities here.
 */
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
];
export const MIGRATIONS = [
  InitialSchema1764300000000,
  RenewalOperations1764350000000,
  Sandboxes1764400000000,
  Api1764450000000,
  RenewalPolicy1764500000000,
  RenewalChangeNotices1764512000000,
  PartnerFaults1764620000000,
  LeanHistory1764630000000,
  SandboxPreferredLanguage1764640000000,
];

/** One definition of the schema for the API, the worker, the migrations and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // The schema changes only through migrations.
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10 },
  };
}

export async function openDataSource(url: string): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url)).initialize();
}

export async function runMigrations(url: string): Promise<void> {
  const dataSource = await openDataSource(url);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
