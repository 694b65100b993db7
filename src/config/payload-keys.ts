import type { Env } from './env';

/**
 * The keys workflow payloads are encrypted with (AES-256-GCM, see
 * src/temporal/payload-codec.ts), from two variables that are easy to set in a
 * shell or in docker-compose:
 *
 *   PAYLOAD_KEYS=<id>:<base64 of 32 bytes>[,<id>:<base64>...]   every key that may still have to decode
 *   PAYLOAD_KEY_CURRENT=<id>                                    the one new payloads are encrypted with
 *
 * Rotation: add the new key to PAYLOAD_KEYS and make it current; keep the old
 * one listed for as long as histories encrypted with it are retained.
 * PAYLOAD_KEY_CURRENT may be left out when exactly one key is listed.
 */
export interface PayloadKeysConfig {
  /** Key id -> 32-byte key. Retired keys stay listed so the payloads they encrypted still decode. */
  keys: ReadonlyMap<string, Buffer>;
  /** The id of the key new payloads are encrypted with. */
  currentKeyId: string;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KEY_BYTES = 32;

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
  const keys = new Map<string, Buffer>();
  for (const [index, entry] of raw.split(',').entries()) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, Math.max(separator, 0)).trim();
    const encoded = entry.slice(separator + 1).trim();
    if (separator < 0 || !KEY_ID.test(id)) {
      throw new Error(`PAYLOAD_KEYS entry ${index + 1} must be <id>:<base64>, the id 1-64 letters, digits, . _ -`);
    }
    if (keys.has(id)) throw new Error(`PAYLOAD_KEYS lists key id "${id}" twice`);
    const key = Buffer.from(encoded, 'base64');
    if (!BASE64.test(encoded) || key.length !== KEY_BYTES) {
      throw new Error(`PAYLOAD_KEYS key "${id}" must be the base64 of exactly ${KEY_BYTES} random bytes`);
    }
    keys.set(id, key);
  }
  const currentKeyId = current ?? (keys.size === 1 ? [...keys.keys()][0] : undefined);
  if (!currentKeyId) throw new Error('PAYLOAD_KEY_CURRENT must name one of the PAYLOAD_KEYS ids');
  if (!keys.has(currentKeyId)) {
    throw new Error(`PAYLOAD_KEY_CURRENT "${currentKeyId}" is not among the PAYLOAD_KEYS ids (${[...keys.keys()]})`);
  }
  return { keys, currentKeyId };
}
