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
 *
 * The personal data of an ended renewal (its national ID, the new passport's
 * number) for 90 days after it ended: the time in which a citizen still asks
 * about or disputes a renewal (a refund, a delivery, a loss claim the carrier
 * contests; the loss claim itself runs on without them), after which the
 * purpose they were collected for is over and PDPL (art. 18) wants them
 * destroyed. The passport itself is on record with the registry, not here.
 * A choice for the agency's records schedule to confirm, hence a setting.
 */
export const DEFAULT_HOUSEKEEPING: HousekeepingConfig = {
  everyMs: msToNumber('1 hour'),
  retention: {
    idempotencyKeysMs: msToNumber('7 days'),
    webhookReceiptsMs: msToNumber('30 days'),
    personalDataMs: msToNumber('90 days'),
    batchSize: 500,
  },
};

export function loadHousekeepingConfig(env: Env): HousekeepingConfig {
  const d = DEFAULT_HOUSEKEEPING;
  const ms = (name: string, fallback: number) => readEnv(env, name, fallback, duration, 'a duration such as "7 days"');
  const retention = {
    idempotencyKeysMs: ms('HOUSEKEEPING_IDEMPOTENCY_KEY_RETENTION', d.retention.idempotencyKeysMs),
    webhookReceiptsMs: ms('HOUSEKEEPING_WEBHOOK_RECEIPT_RETENTION', d.retention.webhookReceiptsMs),
    personalDataMs: ms('HOUSEKEEPING_PERSONAL_DATA_RETENTION', d.retention.personalDataMs!),
    batchSize: readEnv(env, 'HOUSEKEEPING_BATCH_SIZE', d.retention.batchSize, integerAtLeast(1), 'an integer >= 1'),
  };
  // The answer to a renewal's creation (its review: names, date of birth, mobile) is kept, encrypted, with its
  // idempotency key: erasing the renewal's personal data while that answer stays would erase nothing.
  if (retention.personalDataMs < retention.idempotencyKeysMs) {
    throw new Error(
      'HOUSEKEEPING_PERSONAL_DATA_RETENTION must be at least HOUSEKEEPING_IDEMPOTENCY_KEY_RETENTION: the stored ' +
        'answers to idempotent requests hold personal data too',
    );
  }
  return { everyMs: ms('HOUSEKEEPING_EVERY', d.everyMs), retention };
}
