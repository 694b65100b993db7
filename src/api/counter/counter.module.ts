import { Module } from '@nestjs/common';
import { CounterController } from './counter.controller';
import { CounterService } from './counter.service';

/** The clerk at the passport office counter. */
@Module({
  controllers: [CounterController],
  providers: [CounterService],
})
export class CounterModule {}
