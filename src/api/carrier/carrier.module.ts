import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { CarrierController } from './carrier.controller';
import { CarrierService } from './carrier.service';

/** Saudi Post's couriers. */
@Module({
  imports: [SharedModule],
  controllers: [CarrierController],
  providers: [CarrierService],
})
export class CarrierModule {}
