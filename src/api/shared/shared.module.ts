import { Module } from '@nestjs/common';
import { PersistenceModule } from '../persistence-module/persistence.module';
import { ApiAudit } from './audit/api-audit.service';
import { RenewalAccess } from './renewal-access/renewal-access.service';

/** What every actor's module needs: scoped reads of the read model, the audit trail, the repositories. */
@Module({
  imports: [PersistenceModule],
  providers: [RenewalAccess, ApiAudit],
  exports: [RenewalAccess, ApiAudit, PersistenceModule],
})
export class SharedModule {}
