import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { CounterController } from './counter.controller';
import { CounterService } from './counter.service';
import { QueueController } from './queue.controller';

/** The clerk at the passport office counter. */
@Module({
  imports: [SharedModule],
  controllers: [CounterController, QueueController],
  providers: [CounterService],
})
export class CounterModule {}
