import { loadPseudonymKey } from '../../src/config/api';
import { loadPersonalDataKeysConfig } from '../../src/config/personal-data-keys';
import { PersonalDataProtection } from '../../src/persistence/personal-data';

/**
 * The suite's personal-data keys: fixed and committed, set for every API and worker of the suite by the global
 * setup. Test-only: they protect nothing and must never be configured anywhere else. A second key is the one
 * the rotation tests rotate to.
 */
export const TEST_PERSONAL_DATA_KEY_A = 'test-only-pd-a:95PKiqj8VQNkAE04o7CZf38HsWj96bEPc5k4lyfcvxs=';
export const TEST_PERSONAL_DATA_KEY_B = 'test-only-pd-b:vp5BxxYle+gyAKEGvgixDUwPEdNdahVS/yFRuwGw8jk=';

export const TEST_PERSONAL_DATA_ENV = {
  PERSONAL_DATA_KEYS: TEST_PERSONAL_DATA_KEY_A,
  PERSONAL_DATA_KEY_CURRENT: 'test-only-pd-a',
} as const;

/**
 * The keys as the suite's API holds them: the test keys and the suite's look-up key (API_PSEUDONYM_KEY, the
 * development default unless the environment sets one), for tests that read and write the tables themselves.
 */
export function testPersonalData(env: Record<string, string | undefined> = TEST_PERSONAL_DATA_ENV) {
  return new PersonalDataProtection(
    loadPersonalDataKeysConfig({ ...env }),
    loadPseudonymKey({ API_PSEUDONYM_KEY: process.env.API_PSEUDONYM_KEY }),
  );
}
