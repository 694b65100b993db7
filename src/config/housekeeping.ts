import { msToNumber } from '@temporalio/common/lib/time';
import type { RetentionPolicy } from '../../workflows/contract';
import { Env, integerAtLeast, readEnv } from './env';
import { duration } from './policy';

/** The housekeeping schedule: how often it runs and what it keeps. */
export interface HousekeepingConfig {
  everyMs: number;
  retention: RetentionPolicy;
}

/**
 * Defaults: idempotency keys for 7 days (a client retries a request within
 * minutes, at most a day); webhook receipts for 30 days, far beyond any
 * partner's retries (ours give up after hours), since a receipt forgotten too
 * early lets a late retry act twice.
 */
export const DEFAULT_HOUSEKEEPING: HousekeepingConfig = {
  everyMs: msToNumber('1 hour'),
  retention: {
    idempotencyKeysMs: msToNumber('7 days'),
    webhookReceiptsMs: msToNumber('30 days'),
    batchSize: 500,
  },
};

export function loadHousekeepingConfig(env: Env): HousekeepingConfig {
  const d = DEFAULT_HOUSEKEEPING;
  const ms = (name: string, fallback: number) => readEnv(env, name, fallback, duration, 'a duration such as "7 days"');
  return {
    everyMs: ms('HOUSEKEEPING_EVERY', d.everyMs),
    retention: {
      idempotencyKeysMs: ms('HOUSEKEEPING_IDEMPOTENCY_KEY_RETENTION', d.retention.idempotencyKeysMs),
      webhookReceiptsMs: ms('HOUSEKEEPING_WEBHOOK_RECEIPT_RETENTION', d.retention.webhookReceiptsMs),
      batchSize: readEnv(env, 'HOUSEKEEPING_BATCH_SIZE', d.retention.batchSize, integerAtLeast(1), 'an integer >= 1'),
    },
  };
}
