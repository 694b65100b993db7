import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { InjectTemporalClient } from '../temporal-module/temporal.module';

const TIMEOUT_MS = 1_500;

/** Temporal is healthy when its frontend answers a cheap call within the timeout. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    @InjectTemporalClient() private readonly client: Client,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await this.client.connection.withDeadline(Date.now() + TIMEOUT_MS, () =>
        this.client.workflowService.getSystemInfo({}),
      );
      return indicator.up();
    } catch {
      return indicator.down({ message: 'Temporal frontend did not answer' });
    }
  }
}
