import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from './repositories/audit-trail.repository';
import { BillsRepository } from './repositories/bills.repository';
import { IdempotencyKeysRepository } from './repositories/idempotency-keys.repository';
import { LossClaimsRepository } from './repositories/loss-claims.repository';
import { PrintJobsRepository } from './repositories/print-jobs.repository';
import { RenewalsRepository } from './repositories/renewals.repository';
import { ShipmentsRepository } from './repositories/shipments.repository';
import { SmsOutboxRepository } from './repositories/sms-outbox.repository';
import { WebhookReceiptsRepository } from './repositories/webhook-receipts.repository';

/**
 * Every repository of the application's tables, over one connection pool or
 * one transaction. The worker and the API build it once from their DataSource;
 * activities and services speak to the database only through it.
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

  constructor(private readonly manager: EntityManager) {
    this.renewals = new RenewalsRepository(manager);
    this.audit = new AuditTrail(manager);
    this.bills = new BillsRepository(manager);
    this.printJobs = new PrintJobsRepository(manager);
    this.shipments = new ShipmentsRepository(manager);
    this.lossClaims = new LossClaimsRepository(manager);
    this.idempotencyKeys = new IdempotencyKeysRepository(manager);
    this.webhookReceipts = new WebhookReceiptsRepository(manager);
    this.smsOutbox = new SmsOutboxRepository(manager);
  }

  /** Runs `work` in one transaction, on repositories bound to it: all of its writes land, or none. */
  transaction<T>(work: (tx: Persistence) => Promise<T>): Promise<T> {
    return this.manager.transaction((manager) => work(new Persistence(manager)));
  }
}

export function createPersistence(dataSource: DataSource): Persistence {
  return new Persistence(dataSource.manager);
}
