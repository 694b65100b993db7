/**
 * A set of AES-256 keys under ids, one of them current: what every encryption of ours takes from the environment
 * as two variables that are easy to set in a shell or in docker-compose:
 *
 *   <KEYS>=<id>:<base64 of 32 bytes>[,<id>:<base64>...]   every key that may still have to decrypt
 *   <CURRENT>=<id>                                         the one new data are encrypted with
 *
 * Rotation: add the new key and make it current; keep the old one listed while anything encrypted with it is
 * kept. The current id may be left out when exactly one key is listed.
 */
export interface Keyring {
  /** Key id -> 32-byte key. Retired keys stay listed so what they encrypted still decrypts. */
  keys: ReadonlyMap<string, Buffer>;
  /** The id of the key new data are encrypted with. */
  currentKeyId: string;
}

/** The two variables a keyring is read from, named in every error. */
export interface KeyringVariables {
  keys: string;
  current: string;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KEY_BYTES = 32;

/** Parses `<id>:<base64>,...` and the current id. Errors name the variable and the key id at fault, never a key. */
export function parseKeyring(raw: string, current: string | undefined, names: KeyringVariables): Keyring {
  const keys = new Map<string, Buffer>();
  for (const [index, entry] of raw.split(',').entries()) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, Math.max(separator, 0)).trim();
    const encoded = entry.slice(separator + 1).trim();
    if (separator < 0 || !KEY_ID.test(id)) {
      throw new Error(`${names.keys} entry ${index + 1} must be <id>:<base64>, the id 1-64 letters, digits, . _ -`);
    }
    if (keys.has(id)) throw new Error(`${names.keys} lists key id "${id}" twice`);
    const key = Buffer.from(encoded, 'base64');
    if (!BASE64.test(encoded) || key.length !== KEY_BYTES) {
      throw new Error(`${names.keys} key "${id}" must be the base64 of exactly ${KEY_BYTES} random bytes`);
    }
    keys.set(id, key);
  }
  const currentKeyId = current ?? (keys.size === 1 ? [...keys.keys()][0] : undefined);
  if (!currentKeyId) throw new Error(`${names.current} must name one of the ${names.keys} ids`);
  if (!keys.has(currentKeyId)) {
    throw new Error(`${names.current} "${currentKeyId}" is not among the ${names.keys} ids (${[...keys.keys()]})`);
  }
  return { keys, currentKeyId };
}
