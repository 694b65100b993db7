import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * How personal data are kept at rest, for every reader and writer of the application's tables (the API, the
 * worker, the migration that encrypted what was stored before, the key rotation). Two tools:
 *
 * - a keyed digest, HMAC-SHA256 under API_PSEUDONYM_KEY, by which a national ID is looked up (an index can
 *   hold it; without the key it cannot be reversed by trying the 10^9 possible IDs, as a plain hash can). It is
 *   the citizen pseudonym's own hash (the pseudonym is its first 20 hex digits, `citizenPseudonym`), so the audit
 *   trail's actors and the read model's look-ups agree: one keyed function of a national ID in the whole product.
 * - AES-256-GCM under a keyring (PERSONAL_DATA_KEYS), for what must be read back: a fresh random 96-bit nonce per
 *   value, the key id stored beside the bytes, and the key id and the value's place (table, column, row)
 *   authenticated as additional data, so a value copied into another row or passed off under another key fails.
 *   Stored layout: nonce (12 bytes) | ciphertext | tag (16 bytes).
 */

/** The keys at rest: the shape of src/config/keyring.ts's Keyring (persistence imports no configuration). */
export interface AtRestKeyring {
  keys: ReadonlyMap<string, Buffer>;
  currentKeyId: string;
}

/** An encrypted value as stored: the id of its key beside the bytes. */
export interface Sealed {
  keyId: string;
  data: Buffer;
}

/** A value that cannot be turned back (unknown key, altered, moved, truncated); names the key id, never data. */
export class PersonalDataDecryptionError extends Error {
  override readonly name = 'PersonalDataDecryptionError';
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Where a sealed value lives, authenticated with it. */
export const sealedPlaces = {
  renewalNationalId: (renewalId: string) => `renewals.national_id/${renewalId}`,
  idempotentResponse: (scope: string, key: string) => `idempotency_keys.response/${scope}/${key}`,
};

/** HMAC-SHA256 of a national ID under the look-up key: the read model's look-up column. */
export function citizenDigest(lookupKey: string, nationalId: string): Buffer {
  return createHmac('sha256', lookupKey).update(nationalId).digest();
}

/** The citizen's pseudonym in the audit trail and idempotency scopes: the digest's first 20 hex digits. */
export function citizenPseudonym(lookupKey: string, nationalId: string): string {
  return citizenDigest(lookupKey, nationalId).toString('hex').slice(0, 20);
}

/**
 * The keys of one process. The API holds the look-up key (it finds citizens' renewals); the worker does not
 * (it only reads a national ID back, to send an SMS, and re-encrypts after a rotation).
 */
export class PersonalDataProtection {
  constructor(
    private readonly keyring: AtRestKeyring,
    private readonly lookupKey?: string,
  ) {
    if (!keyring.keys.has(keyring.currentKeyId)) throw new Error(`Key "${keyring.currentKeyId}" is not in the keyring`);
  }

  get currentKeyId(): string {
    return this.keyring.currentKeyId;
  }

  /** Listed keys that are not current: what a rotation re-encrypts away from. */
  retiredKeyIds(): string[] {
    return [...this.keyring.keys.keys()].filter((id) => id !== this.keyring.currentKeyId);
  }

  /** The look-up digest of a national ID (throws in a process given no look-up key). */
  digest(nationalId: string): Buffer {
    if (!this.lookupKey) throw new Error('This process holds no look-up key (API_PSEUDONYM_KEY)');
    return citizenDigest(this.lookupKey, nationalId);
  }

  seal(plaintext: string, place: string): Sealed {
    const keyId = this.keyring.currentKeyId;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), nonce);
    cipher.setAAD(additionalData(keyId, place));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId, data: Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]) };
  }

  open(sealed: Sealed, place: string): string {
    const { keyId, data } = sealed;
    if (data.length < NONCE_BYTES + TAG_BYTES) {
      throw new PersonalDataDecryptionError(`Value under key "${keyId}" is too short to hold nonce and tag`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), data.subarray(0, NONCE_BYTES));
    decipher.setAAD(additionalData(keyId, place));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new PersonalDataDecryptionError(
        `Value under key "${keyId}" failed authentication: altered, moved from another row, or not that key's`,
      );
    }
  }

  /** The value re-encrypted under the current key (a rotation), for the same place. */
  reseal(sealed: Sealed, place: string): Sealed {
    return this.seal(this.open(sealed, place), place);
  }

  private key(keyId: string): Buffer {
    const key = this.keyring.keys.get(keyId);
    if (!key) {
      throw new PersonalDataDecryptionError(
        `Value encrypted with key "${keyId}", which is not among PERSONAL_DATA_KEYS (a retired key must stay listed until rotated away)`,
      );
    }
    return key;
  }
}

function additionalData(keyId: string, place: string): Buffer {
  return Buffer.from(`${keyId}\n${place}`, 'utf8');
}
