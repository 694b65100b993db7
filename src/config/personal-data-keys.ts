import type { Env } from './env';
import { type Keyring, type KeyringVariables, parseKeyring } from './keyring';

/**
 * The keys personal data are encrypted with at rest in PostgreSQL (AES-256-GCM, see
 * src/persistence/personal-data.ts): the national ID of each renewal and the answers kept for idempotent
 * requests. A keyring (src/config/keyring.ts), the same discipline as the payload keys:
 *
 *   PERSONAL_DATA_KEYS=<id>:<base64 of 32 bytes>[,<id>:<base64>...]   every key that may still have to decrypt
 *   PERSONAL_DATA_KEY_CURRENT=<id>                                    the one new data are encrypted with
 *
 * Rotation: add the new key and make it current, restart, then `npm run keys:rotate` (or the housekeeping
 * schedule, a batch per run) re-encrypts what the old key encrypted; drop the old key once nothing uses it.
 */
export type PersonalDataKeysConfig = Keyring;

const VARIABLES: KeyringVariables = { keys: 'PERSONAL_DATA_KEYS', current: 'PERSONAL_DATA_KEY_CURRENT' };

/**
 * Outside production, unset means this published development key, so `npm start`, the cluster and every test
 * stack agree on it with no setup and a development database stays readable across restarts. It protects
 * nothing: production refuses it, set or not (unset here; set, with the test suite's keys, by
 * src/config/production-refusals.ts, which names every refused variable of a start at once).
 */
export const DEVELOPMENT_PERSONAL_DATA_KEYS = {
  PERSONAL_DATA_KEYS: 'dev-only-1:DyIcMmWWLM0ABUn1XR79TzrqbNuBym6timcuIgh6VTc=',
  PERSONAL_DATA_KEY_CURRENT: 'dev-only-1',
} as const;

export function loadPersonalDataKeysConfig(env: Env): PersonalDataKeysConfig {
  const raw = env.PERSONAL_DATA_KEYS?.trim();
  if (!raw) {
    if (env.NODE_ENV === 'production') {
      throw new Error('PERSONAL_DATA_KEYS must be set in production (id:base64-of-32-bytes, comma-separated)');
    }
    return parseKeyring(
      DEVELOPMENT_PERSONAL_DATA_KEYS.PERSONAL_DATA_KEYS,
      DEVELOPMENT_PERSONAL_DATA_KEYS.PERSONAL_DATA_KEY_CURRENT,
      VARIABLES,
    );
  }
  return parseKeyring(raw, env.PERSONAL_DATA_KEY_CURRENT?.trim() || undefined, VARIABLES);
}
