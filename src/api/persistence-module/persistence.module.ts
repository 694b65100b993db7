import { Module, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createPersistence, Persistence } from '../../persistence/persistence';
import { AuditTrail } from '../../persistence/repositories/audit-trail.repository';
import { IdempotencyKeysRepository } from '../../persistence/repositories/idempotency-keys.repository';
import { RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import { ShipmentsRepository } from '../../persistence/repositories/shipments.repository';
import { WebhookReceiptsRepository } from '../../persistence/repositories/webhook-receipts.repository';

/** The repositories the API's services use, each injectable by its class. */
const REPOSITORIES = {
  renewals: RenewalsRepository,
  audit: AuditTrail,
  shipments: ShipmentsRepository,
  idempotencyKeys: IdempotencyKeysRepository,
  webhookReceipts: WebhookReceiptsRepository,
} satisfies { [K in keyof Persistence]?: abstract new (...args: never[]) => Persistence[K] };

const repositoryProviders: Provider[] = Object.entries(REPOSITORIES).map(([name, type]) => ({
  provide: type,
  inject: [Persistence],
  useFactory: (persistence: Persistence) => persistence[name as keyof typeof REPOSITORIES],
}));

/**
 * The persistence layer for the API, built once over TypeORM's DataSource.
 * `Persistence` itself is exported for the work that spans repositories in
 * one transaction.
 */
@Module({
  providers: [
    { provide: Persistence, inject: [getDataSourceToken()], useFactory: (db: DataSource) => createPersistence(db) },
    ...repositoryProviders,
  ],
  exports: [Persistence, ...Object.values(REPOSITORIES)],
})
export class PersistenceModule {}
