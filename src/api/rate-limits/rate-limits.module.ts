import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { ApiConfig } from '../../config/api';
import { configToken } from '../config-module/config.tokens';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { rateLimitThrottlers } from './rate-limit-classes';

@Module({ providers: [PostgresThrottlerStorage], exports: [PostgresThrottlerStorage] })
class RateLimitStorageModule {}

/** The API's rate limits (`RateLimited` on a controller): one budget per class of caller, counted in PostgreSQL. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [configToken('api'), PostgresThrottlerStorage],
      useFactory: (config: ApiConfig, storage: PostgresThrottlerStorage) => ({
        throttlers: rateLimitThrottlers(config),
        storage,
        // Retry-After on a 429 is the guard's; the library's per-throttler headers would be named after the class.
        setHeaders: false,
      }),
    }),
  ],
})
export class RateLimitsModule {}
