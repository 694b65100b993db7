import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { OperatorController } from './operator.controller';
import { OperatorService } from './operator.service';
import { OverdueService } from './overdue.service';

/** Operations staff. */
@Module({
  imports: [SharedModule],
  controllers: [OperatorController],
  providers: [OperatorService, OverdueService],
})
export class OperatorModule {}
