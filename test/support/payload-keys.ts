import { parsePayloadKeys, PayloadKeysConfig } from '../../src/config/payload-keys';
import { createDataConverter } from '../../src/temporal/data-converter';

/**
 * The suite's payload key: fixed and committed, so the encrypted histories
 * under test/replay/histories decode in every run. Test-only: it protects
 * nothing and must never be configured anywhere else.
 */
export const TEST_PAYLOAD_ENV = {
  PAYLOAD_KEYS: 'test-only-a:F10TAsv22bNBTZ9afTPlpJhG4uEa4GpNTMiXjTQdI/w=',
  PAYLOAD_KEY_CURRENT: 'test-only-a',
} as const;

export const TEST_PAYLOAD_KEYS: PayloadKeysConfig = parsePayloadKeys(
  TEST_PAYLOAD_ENV.PAYLOAD_KEYS,
  TEST_PAYLOAD_ENV.PAYLOAD_KEY_CURRENT,
);

/** The data converter production builds, with the test key: for every client and worker a test makes. */
export const testDataConverter = () => createDataConverter(TEST_PAYLOAD_KEYS);
