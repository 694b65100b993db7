import { Module, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ApiConfig } from '../../config/api';
import type { PersonalDataKeysConfig } from '../../config/personal-data-keys';
import { createPersistence, Persistence } from '../../persistence/persistence';
import { PersonalDataProtection } from '../../persistence/personal-data';
import { AuditTrail } from '../../persistence/repositories/audit-trail.repository';
import { DecodeLogRepository } from '../../persistence/repositories/decode-log.repository';
import { IdempotencyKeysRepository } from '../../persistence/repositories/idempotency-keys.repository';
import { OperatorAlertsRepository } from '../../persistence/repositories/operator-alerts.repository';
import { RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import { ShipmentsRepository } from '../../persistence/repositories/shipments.repository';
import { WebhookReceiptsRepository } from '../../persistence/repositories/webhook-receipts.repository';
import { configToken } from '../config-module/config.tokens';

/** The repositories the API's services use, each injectable by its class. */
const REPOSITORIES = {
  renewals: RenewalsRepository,
  audit: AuditTrail,
  shipments: ShipmentsRepository,
  idempotencyKeys: IdempotencyKeysRepository,
  webhookReceipts: WebhookReceiptsRepository,
  decodeLog: DecodeLogRepository,
  alerts: OperatorAlertsRepository,
} satisfies { [K in keyof Persistence]?: abstract new (...args: never[]) => Persistence[K] };

const repositoryProviders: Provider[] = Object.entries(REPOSITORIES).map(([name, type]) => ({
  provide: type,
  inject: [Persistence],
  useFactory: (persistence: Persistence) => persistence[name as keyof typeof REPOSITORIES],
}));

/**
 * The persistence layer for the API, built once over TypeORM's DataSource
 * with the keys of personal data at rest and the look-up key (the citizen
 * pseudonym's, so a citizen's renewals are found by it). `Persistence` itself
 * is exported for the work that spans repositories in one transaction.
 */
@Module({
  providers: [
    {
      provide: Persistence,
      inject: [getDataSourceToken(), configToken('personalDataKeys'), configToken('api')],
      useFactory: (db: DataSource, keys: PersonalDataKeysConfig, api: ApiConfig) =>
        createPersistence(db, new PersonalDataProtection(keys, api.pseudonymKey), {
          countTimeoutMs: api.countTimeoutMs,
        }),
    },
    ...repositoryProviders,
  ],
  exports: [Persistence, ...Object.values(REPOSITORIES)],
})
export class PersistenceModule {}
