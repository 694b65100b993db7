import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { RenewalsController } from './renewals.controller';
import { RenewalsService } from './renewals.service';

/** The citizen's side: start a renewal, review, accept, follow and cancel it. */
@Module({
  imports: [SharedModule],
  controllers: [RenewalsController],
  providers: [RenewalsService],
  exports: [RenewalsService],
})
export class RenewalsModule {}
