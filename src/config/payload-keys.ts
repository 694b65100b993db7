import type { Env } from './env';
import { type Keyring, type KeyringVariables, parseKeyring } from './keyring';

/**
 * The keys workflow payloads are encrypted with (AES-256-GCM, see
 * src/temporal/payload-codec.ts), a keyring (src/config/keyring.ts) from two variables:
 *
 *   PAYLOAD_KEYS=<id>:<base64 of 32 bytes>[,<id>:<base64>...]   every key that may still have to decode
 *   PAYLOAD_KEY_CURRENT=<id>                                    the one new payloads are encrypted with
 *
 * Rotation: add the new key to PAYLOAD_KEYS and make it current; keep the old
 * one listed for as long as histories encrypted with it are retained.
 * PAYLOAD_KEY_CURRENT may be left out when exactly one key is listed.
 */
export type PayloadKeysConfig = Keyring;

const VARIABLES: KeyringVariables = { keys: 'PAYLOAD_KEYS', current: 'PAYLOAD_KEY_CURRENT' };

/**
 * The configured keys, or `undefined` when none are set outside production
 * (the embedded stack then generates a development key). Errors name the
 * variable and the key id at fault, never a key.
 */
export function loadPayloadKeysConfig(env: Env): PayloadKeysConfig | undefined {
  const raw = env.PAYLOAD_KEYS?.trim();
  if (!raw) {
    if (env.NODE_ENV === 'production') {
      throw new Error('PAYLOAD_KEYS must be set in production (id:base64-of-32-bytes, comma-separated)');
    }
    return undefined;
  }
  return parsePayloadKeys(raw, env.PAYLOAD_KEY_CURRENT?.trim() || undefined);
}

/** For every process but the embedded launcher, which generates a key when none is configured. */
export function requirePayloadKeys(keys: PayloadKeysConfig | undefined): PayloadKeysConfig {
  if (!keys) {
    throw new Error(
      'PAYLOAD_KEYS is not set: give the API and the worker the same keys (`npm start` generates its own)',
    );
  }
  return keys;
}

export function parsePayloadKeys(raw: string, current?: string): PayloadKeysConfig {
  return parseKeyring(raw, current, VARIABLES);
}
