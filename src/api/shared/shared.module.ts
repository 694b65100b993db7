import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RenewalRecord } from '../../persistence/entities/renewal.entity';
import { ApiAudit } from './api-audit.service';
import { RenewalAccess } from './renewal-access.service';

/** What every actor's module needs: scoped reads of the read model and the audit trail. */
@Module({
  imports: [TypeOrmModule.forFeature([RenewalRecord])],
  providers: [RenewalAccess, ApiAudit],
  exports: [RenewalAccess, ApiAudit, TypeOrmModule],
})
export class SharedModule {}
