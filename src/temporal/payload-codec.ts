import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeysConfig } from '../config/payload-keys';

/** `encoding` of a payload this codec encrypted; anything else is passed through as it is. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with, so keys can rotate. */
export const KEY_ID_METADATA = 'encryption-key-id';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = temporal.api.common.v1.Payload;

/** A payload this codec cannot turn back into the original (unknown key, tampered, truncated). */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

const text = (value: string) => new TextEncoder().encode(value);
const metadataText = (payload: Payload, key: string) => {
  const value = payload.metadata?.[key];
  return value ? Buffer.from(value).toString('utf8') : undefined;
};

/**
 * Encrypts every payload with AES-256-GCM under the current key: the whole
 * original payload (its metadata too, so not even the encoding shows) is the
 * plaintext, a fresh random 96-bit nonce is used each time, and the key id is
 * both in the clear metadata and authenticated (GCM additional data), so a
 * payload cannot be passed off as encrypted under another key.
 *
 * Data layout: nonce (12 bytes) | ciphertext | tag (16 bytes).
 *
 * Decoding leaves a payload without the encrypted marking untouched: histories
 * written before encryption was switched on keep replaying.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly config: PayloadKeysConfig) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  encrypt(payload: Payload): Payload {
    const keyId = this.config.currentKeyId;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), nonce);
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const plaintext = ProtoPayload.encode(payload).finish();
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(keyId) },
      data: Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]),
    };
  }

  decrypt(payload: Payload): Payload {
    if (metadataText(payload, 'encoding') !== ENCRYPTED_ENCODING) return payload;
    const keyId = metadataText(payload, KEY_ID_METADATA);
    if (!keyId) throw new PayloadDecryptionError(`Encrypted payload has no ${KEY_ID_METADATA} metadata`);
    const data = Buffer.from(payload.data ?? []);
    if (data.length < NONCE_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(`Encrypted payload (key id "${keyId}") is too short to hold nonce and tag`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), data.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([
        decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `Encrypted payload (key id "${keyId}") failed authentication: it was altered, or the key is not the one it was encrypted with`,
      );
    }
    const original = ProtoPayload.decode(plaintext);
    return { metadata: original.metadata, data: original.data };
  }

  private key(keyId: string): Buffer {
    const key = this.config.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `Payload encrypted with key id "${keyId}", which is not among the configured PAYLOAD_KEYS (a retired key must stay listed)`,
      );
    }
    return key;
  }
}
