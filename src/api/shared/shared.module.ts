import { Module } from '@nestjs/common';
import { PersistenceModule } from '../persistence/persistence.module';
import { ApiAudit } from './api-audit.service';
import { RenewalAccess } from './renewal-access.service';

/** What every actor's module needs: scoped reads of the read model, the audit trail, the repositories. */
@Module({
  imports: [PersistenceModule],
  providers: [RenewalAccess, ApiAudit],
  exports: [RenewalAccess, ApiAudit, PersistenceModule],
})
export class SharedModule {}
