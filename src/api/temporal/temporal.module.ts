import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from '@temporalio/client';
import type { AppConfig } from '../../config/configuration';
import { connectTemporalClient } from '../../temporal/connection';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

/** Injects the Temporal client: `@InjectTemporalClient() client: Client`. */
export const InjectTemporalClient = () => Inject(TEMPORAL_CLIENT);

@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@InjectTemporalClient() private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        connectTemporalClient(config.get('temporal', { infer: true })),
    },
    TemporalConnectionCloser,
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalModule {}
