import { type Env, integerAtLeast, readEnv } from './env';

/**
 * The worker's SMS sender, which delivers the notices renewals write to the
 * SMS outbox (src/worker/sms-outbox-sender.ts):
 *
 *   SMS_SENDER_POLL_INTERVAL_MS   how often an idle sender looks for due notices      (1000)
 *   SMS_SENDER_BATCH_SIZE         notices claimed and sent at once                     (20)
 *   SMS_SENDER_LEASE_MS           a claim's lease: a sender that dies mid-send frees   (30000)
 *                                 its notices after this, and another sends them again
 *   SMS_SENDER_RETRY_MS           first wait after a failed send, doubled each time... (5000)
 *   SMS_SENDER_RETRY_MAX_MS       ...up to this                                       (300000)
 */
export interface SmsSenderConfig {
  pollIntervalMs: number;
  batchSize: number;
  leaseMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
}

export function loadSmsSenderConfig(env: Env): SmsSenderConfig {
  const ms = (name: string, fallback: number, min: number) =>
    readEnv(env, name, fallback, integerAtLeast(min), `an integer >= ${min} (milliseconds)`);
  return {
    pollIntervalMs: ms('SMS_SENDER_POLL_INTERVAL_MS', 1_000, 10),
    batchSize: readEnv(env, 'SMS_SENDER_BATCH_SIZE', 20, integerAtLeast(1), 'an integer >= 1'),
    leaseMs: ms('SMS_SENDER_LEASE_MS', 30_000, 100),
    retryInitialMs: ms('SMS_SENDER_RETRY_MS', 5_000, 10),
    retryMaxMs: ms('SMS_SENDER_RETRY_MAX_MS', 300_000, 10),
  };
}
