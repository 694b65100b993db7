import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { OperatorController } from './operator.controller';
import { OperatorService } from './operator.service';
import { OverdueService } from './overdue.service';

/** Operations staff. */
@Module({
  imports: [SharedModule],
  controllers: [OperatorController, AlertsController],
  providers: [OperatorService, OverdueService, AlertsService],
})
export class OperatorModule {}
