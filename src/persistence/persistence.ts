import type { DataSource, EntityManager } from 'typeorm';
import type { PersonalDataProtection } from './personal-data';
import type { CountOptions } from './repositories/paging';

/** How the repositories behave where a process may choose (the API passes its configuration). */
export type PersistenceOptions = CountOptions;
import { AuditTrail } from './repositories/audit-trail.repository';
import { BillsRepository } from './repositories/bills.repository';
import { DecodeLogRepository } from './repositories/decode-log.repository';
import { IdempotencyKeysRepository } from './repositories/idempotency-keys.repository';
import { LossClaimsRepository } from './repositories/loss-claims.repository';
import { OperatorAlertsRepository } from './repositories/operator-alerts.repository';
import { PersonalDataRepository } from './repositories/personal-data.repository';
import { PrintJobsRepository } from './repositories/print-jobs.repository';
import { RenewalsRepository } from './repositories/renewals.repository';
import { ShipmentsRepository } from './repositories/shipments.repository';
import { SmsOutboxRepository } from './repositories/sms-outbox.repository';
import { WebhookReceiptsRepository } from './repositories/webhook-receipts.repository';

/**
 * Every repository of the application's tables, over one connection pool or
 * one transaction. The worker and the API build it once from their DataSource
 * and their keys of personal data (src/persistence/personal-data.ts), which the
 * repositories that store or read a citizen's data use; activities and services
 * speak to the database only through it.
 */
export class Persistence {
  readonly renewals: RenewalsRepository;
  readonly audit: AuditTrail;
  readonly bills: BillsRepository;
  readonly printJobs: PrintJobsRepository;
  readonly shipments: ShipmentsRepository;
  readonly lossClaims: LossClaimsRepository;
  readonly idempotencyKeys: IdempotencyKeysRepository;
  readonly webhookReceipts: WebhookReceiptsRepository;
  readonly smsOutbox: SmsOutboxRepository;
  readonly personalData: PersonalDataRepository;
  readonly decodeLog: DecodeLogRepository;
  readonly alerts: OperatorAlertsRepository;

  constructor(
    private readonly manager: EntityManager,
    private readonly protection: PersonalDataProtection,
    private readonly options: PersistenceOptions = {},
  ) {
    this.renewals = new RenewalsRepository(manager, protection, options);
    this.audit = new AuditTrail(manager);
    this.bills = new BillsRepository(manager);
    this.printJobs = new PrintJobsRepository(manager);
    this.shipments = new ShipmentsRepository(manager, protection);
    this.lossClaims = new LossClaimsRepository(manager);
    this.idempotencyKeys = new IdempotencyKeysRepository(manager, protection);
    this.webhookReceipts = new WebhookReceiptsRepository(manager);
    this.smsOutbox = new SmsOutboxRepository(manager, protection);
    this.personalData = new PersonalDataRepository(manager, protection);
    this.decodeLog = new DecodeLogRepository(manager);
    this.alerts = new OperatorAlertsRepository(manager, options);
  }

  /** Runs `work` in one transaction, on repositories bound to it: all of its writes land, or none. */
  transaction<T>(work: (tx: Persistence) => Promise<T>): Promise<T> {
    return this.manager.transaction((manager) => work(new Persistence(manager, this.protection, this.options)));
  }
}

export function createPersistence(
  dataSource: DataSource,
  protection: PersonalDataProtection,
  options?: PersistenceOptions,
): Persistence {
  return new Persistence(dataSource.manager, protection, options);
}
