import { Module } from '@nestjs/common';
import { RenewalsModule } from '../renewals/renewals.module';
import { RenewalChangeFeed } from './renewal-change-feed.service';
import { RenewalEventsController } from './renewal-events.controller';
import { StreamSlots } from './stream-slots';

/** Live renewal status for its citizen, pushed from the read model's change notices. */
@Module({
  imports: [RenewalsModule],
  controllers: [RenewalEventsController],
  providers: [RenewalChangeFeed, StreamSlots],
})
export class RenewalEventsModule {}
