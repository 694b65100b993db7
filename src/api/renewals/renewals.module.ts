import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RenewalRecord } from '../../persistence/entities/renewal.entity';
import { RenewalsController } from './renewals.controller';
import { RenewalsService } from './renewals.service';

/** The citizen's side: start a renewal and follow it. */
@Module({
  imports: [TypeOrmModule.forFeature([RenewalRecord])],
  controllers: [RenewalsController],
  providers: [RenewalsService],
})
export class RenewalsModule {}
