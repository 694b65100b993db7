import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ApiConfig } from '../../config/api';
import { RateLimitHitsRepository } from '../../persistence/repositories/rate-limit-hits.repository';
import { InjectConfig } from '../config-module/config.tokens';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Rows of ended windows deleted per statement. */
const PURGE_BATCH = 5_000;

/**
 * @nestjs/throttler's storage in PostgreSQL, so every replica counts against the same budget: one atomic upsert per
 * request into the caller's row of the current fixed window (rate_limit_hits). Over the limit, the request is
 * refused until the window ends (`Retry-After`); the library's separate block duration is not used, the window is
 * the block. A fixed window lets a caller spend up to twice its budget across a window's edge, the price of one
 * row and one statement per request.
 *
 * Should PostgreSQL not answer, the request goes through unlimited (logged at most once a minute): the limits
 * protect the API, and refusing everyone for a counter would be the outage they are there to prevent.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly hits: RateLimitHitsRepository;
  private purging?: NodeJS.Timeout;
  private lastFailureLoggedAt = 0;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectConfig('api') private readonly config: ApiConfig,
  ) {
    this.hits = new RateLimitHitsRepository(dataSource.manager);
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    let hit: { hits: number; msLeft: number };
    try {
      hit = await this.hits.hit(key, ttl);
    } catch (error) {
      if (Date.now() - this.lastFailureLoggedAt > 60_000) {
        this.lastFailureLoggedAt = Date.now();
        this.logger.warn(`Rate limits not counted, PostgreSQL did not answer: ${(error as Error).message}`);
      }
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
    const secondsLeft = Math.max(1, Math.ceil(hit.msLeft / 1000));
    const isBlocked = hit.hits > limit;
    return {
      totalHits: hit.hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  /** Deletes ended windows once per window, each replica on its own timer; SKIP LOCKED keeps them out of each other's way. */
  onModuleInit(): void {
    this.purging = setInterval(() => void this.purge(), this.config.rateLimit.windowMs);
    this.purging.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purging);
  }

  async purge(): Promise<number> {
    let total = 0;
    try {
      let deleted: number;
      do {
        deleted = await this.hits.purgeEnded(PURGE_BATCH);
        total += deleted;
      } while (deleted === PURGE_BATCH);
    } catch {
      // The next window tries again; a missed purge only leaves rows that count for nothing.
    }
    return total;
  }
}
