import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeysConfig } from '../config/payload-keys';

/** `encoding` of a payload this codec encrypted; a payload without it is refused on the way in. */
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

/**
 * A payload that is not encrypted where every payload must be: nothing of this system wrote it (the API and the
 * workers encrypt all they send), so it is refused before any code sees it. Its message holds the encoding and
 * where it was found, never the payload.
 */
export class PlaintextPayloadError extends Error {
  override readonly name = 'PlaintextPayloadError';
}

/** What a refused plaintext payload was, for the process's alert: no content, only where and how it was encoded. */
export interface RefusedPlaintext {
  encoding: string;
  /** `workflow` or `activity` when the SDK says whose payload it is; `client` otherwise (a result, a query). */
  kind: 'workflow' | 'activity' | 'client';
  workflowId?: string;
  namespace?: string;
}

export interface PayloadCodecOptions {
  /** Called for each refused plaintext payload before the refusal is thrown: the process's metric and log line. */
  onPlaintextRefused?: (refused: RefusedPlaintext) => void;
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
 * Decoding refuses a payload without the encrypted marking (PlaintextPayloadError): encryption is also the
 * integrity check, so a message forged in plaintext by anything that can reach Temporal (a signal sent with the
 * CLI, say) fails the workflow task that would have applied it instead of changing a renewal. Every recorded
 * history of this generation (v1) is encrypted throughout, so none needs an exception. The payloads the SDK writes
 * without the codec (a local activity marker's own data, a patch marker's id) and search attributes never come
 * through here.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(
    private readonly config: PayloadKeysConfig,
    private readonly options: PayloadCodecOptions = {},
  ) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (!isEncrypted(payload)) this.refusePlaintext(payload, context);
      return this.decrypt(payload);
    });
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

  /** The original of an encrypted payload; a payload without the encrypted marking is returned as it is. */
  decrypt(payload: Payload): Payload {
    if (!isEncrypted(payload)) return payload;
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

  private refusePlaintext(payload: Payload, context: SerializationContext | undefined): never {
    const refused: RefusedPlaintext = {
      encoding: metadataText(payload, 'encoding') ?? '(none)',
      kind: context?.type ?? 'client',
      workflowId: context?.workflowId,
      namespace: context?.namespace,
    };
    this.options.onPlaintextRefused?.(refused);
    const where = refused.workflowId ? ` in workflow ${refused.workflowId}` : '';
    throw new PlaintextPayloadError(
      `Refused a payload that is not encrypted (encoding "${refused.encoding}")${where}: the API and the workers ` +
        'encrypt every payload they write, so something else wrote this one (a forged signal or start?). Nothing ' +
        'was applied; see docs/runbook.md, "A plaintext payload was refused".',
    );
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

/** Whether a payload carries this codec's marking (it may still fail to decrypt). */
export function isEncrypted(payload: Payload): boolean {
  return metadataText(payload, 'encoding') === ENCRYPTED_ENCODING;
}
