import { loadHousekeepingConfig } from '../../../src/config/housekeeping';
import { DEVELOPMENT_PERSONAL_DATA_KEYS, loadPersonalDataKeysConfig } from '../../../src/config/personal-data-keys';
import { loadSlices } from '../../../src/config/slices';
import { PersonalDataProtection } from '../../../src/persistence/personal-data';

const KEY_A = 'va5fTBWSnnmNMOEF47HXr4+ZVXBqoNkRbqmJfDPxSs8=';
const KEY_B = 'EL3erWrDxXlwINWgKakt7M9K8M/u8OOsA9C/DM0vQ5U=';

describe('PERSONAL_DATA_KEYS configuration', () => {
  it('reads a keyring: every key that may still decrypt, and the current one', () => {
    const keys = loadPersonalDataKeysConfig({
      PERSONAL_DATA_KEYS: `2026-q1:${KEY_A}, 2026-q2:${KEY_B}`,
      PERSONAL_DATA_KEY_CURRENT: '2026-q2',
    });
    expect(keys.currentKeyId).toBe('2026-q2');
    expect(new PersonalDataProtection(keys).retiredKeyIds()).toEqual(['2026-q1']);
  });

  it('outside production, unset means the published development key; production refuses it, set or not', () => {
    expect(loadPersonalDataKeysConfig({}).currentKeyId).toBe(DEVELOPMENT_PERSONAL_DATA_KEYS.PERSONAL_DATA_KEY_CURRENT);
    expect(() => loadPersonalDataKeysConfig({ NODE_ENV: 'production' })).toThrow(
      /PERSONAL_DATA_KEYS must be set in production/,
    );
    // Set, it is refused with every other published value a production start meets (production-refusals.ts).
    const developmentKey = DEVELOPMENT_PERSONAL_DATA_KEYS.PERSONAL_DATA_KEYS.split(':')[1];
    expect(() =>
      loadSlices(
        {
          NODE_ENV: 'production',
          PERSONAL_DATA_KEYS: `live:${KEY_A},renamed:${developmentKey}`,
          PERSONAL_DATA_KEY_CURRENT: 'live',
        },
        ['personalDataKeys'],
      ),
    ).toThrow(
      'PERSONAL_DATA_KEYS lists key "renamed", the development key published in src/config/personal-data-keys.ts',
    );
    expect(
      loadSlices({ NODE_ENV: 'production', PERSONAL_DATA_KEYS: `live:${KEY_A}` }, ['personalDataKeys']).personalDataKeys
        .currentKeyId,
    ).toBe('live');
  });

  it.each([
    [`k1:${KEY_A},k2:${KEY_B}`, undefined, /PERSONAL_DATA_KEY_CURRENT must name one of the PERSONAL_DATA_KEYS ids/],
    [`k1:${KEY_A}`, 'k9', /PERSONAL_DATA_KEY_CURRENT "k9" is not among the PERSONAL_DATA_KEYS ids \(k1\)/],
    ['k1:c2hvcnQ=', undefined, /PERSONAL_DATA_KEYS key "k1" must be the base64 of exactly 32 random bytes/],
    [KEY_A, undefined, /PERSONAL_DATA_KEYS entry 1 must be <id>:<base64>/],
  ])('refuses PERSONAL_DATA_KEYS=%s (current %s), naming the variable and never a key', (keys, current, message) => {
    let error: Error | undefined;
    try {
      loadPersonalDataKeysConfig({ PERSONAL_DATA_KEYS: keys, PERSONAL_DATA_KEY_CURRENT: current });
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(KEY_A.slice(0, 12));
  });
});

describe('retention of personal data (HOUSEKEEPING_PERSONAL_DATA_RETENTION)', () => {
  it('keeps an ended renewal’s personal data 90 days by default, and as long as it is told', () => {
    expect(loadHousekeepingConfig({}).retention.personalDataMs).toBe(90 * 24 * 3600_000);
    expect(loadHousekeepingConfig({ HOUSEKEEPING_PERSONAL_DATA_RETENTION: '180 days' }).retention.personalDataMs).toBe(
      180 * 24 * 3600_000,
    );
  });

  it('refuses a retention shorter than the stored answers’ (they hold personal data too)', () => {
    expect(() =>
      loadHousekeepingConfig({
        HOUSEKEEPING_PERSONAL_DATA_RETENTION: '3 days',
        HOUSEKEEPING_IDEMPOTENCY_KEY_RETENTION: '7 days',
      }),
    ).toThrow(/HOUSEKEEPING_PERSONAL_DATA_RETENTION must be at least HOUSEKEEPING_IDEMPOTENCY_KEY_RETENTION/);
    expect(() => loadHousekeepingConfig({ HOUSEKEEPING_PERSONAL_DATA_RETENTION: 'soon' })).toThrow(
      /HOUSEKEEPING_PERSONAL_DATA_RETENTION/,
    );
  });
});
