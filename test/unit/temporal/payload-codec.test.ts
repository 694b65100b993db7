import { defaultPayloadConverter, Payload } from '@temporalio/common';
import { parsePayloadKeys } from '../../../src/config/payload-keys';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  isEncrypted,
  KEY_ID_METADATA,
  PlaintextPayloadError,
  type RefusedPlaintext,
} from '../../../src/temporal/payload-codec';

const KEY_A = 'va5fTBWSnnmNMOEF47HXr4+ZVXBqoNkRbqmJfDPxSs8=';
const KEY_B = 'EL3erWrDxXlwINWgKakt7M9K8M/u8OOsA9C/DM0vQ5U=';
const RENEWAL_INPUT = { renewalId: 'r-1', nationalId: '1058529940', nameAr: 'محمد عبدالله العتيبي' };

const codecWith = (keys: string, current?: string) => new AesGcmPayloadCodec(parsePayloadKeys(keys, current));
const toPayload = (value: unknown) => defaultPayloadConverter.toPayload(value);
const meta = (payload: Payload, key: string) => Buffer.from(payload.metadata![key]).toString('utf8');
const encodeOne = async (codec: AesGcmPayloadCodec, payload: Payload) => (await codec.encode([payload]))[0];
const decodeOne = async (codec: AesGcmPayloadCodec, payload: Payload) => (await codec.decode([payload]))[0];

describe('AES-256-GCM payload codec', () => {
  const codec = codecWith(`a:${KEY_A}`);

  it('round-trips a payload, metadata included, and hides its content', async () => {
    const original = toPayload(RENEWAL_INPUT);
    const encrypted = await encodeOne(codec, original);

    expect(meta(encrypted, 'encoding')).toBe(ENCRYPTED_ENCODING);
    expect(meta(encrypted, KEY_ID_METADATA)).toBe('a');
    expect(Object.keys(encrypted.metadata!).sort()).toEqual(['encoding', KEY_ID_METADATA]);
    const stored = Buffer.from(encrypted.data!).toString('latin1');
    expect(stored).not.toContain('1058529940');
    expect(stored).not.toContain('json/plain');

    const decoded = await decodeOne(codec, encrypted);
    expect(meta(decoded, 'encoding')).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(RENEWAL_INPUT);
  });

  it('round-trips every payload of a batch, empty and binary ones too', async () => {
    const batch = [toPayload(null), toPayload(undefined), toPayload(new Uint8Array([0, 1, 255])), toPayload('')];
    const decoded = await codec.decode(await codec.encode(batch));
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
      null,
      undefined,
      new Uint8Array([0, 1, 255]),
      '',
    ]);
  });

  it('uses a fresh nonce for every payload: the same value never encrypts the same way twice', async () => {
    const encrypted = await codec.encode(Array.from({ length: 50 }, () => toPayload(RENEWAL_INPUT)));
    const nonces = new Set(encrypted.map((payload) => Buffer.from(payload.data!).subarray(0, 12).toString('hex')));
    const ciphertexts = new Set(encrypted.map((payload) => Buffer.from(payload.data!).toString('hex')));
    expect(nonces.size).toBe(50);
    expect(ciphertexts.size).toBe(50);
  });

  it('refuses a payload it did not encrypt, telling whom it was for and never what it held', async () => {
    const refusals: RefusedPlaintext[] = [];
    const strict = new AesGcmPayloadCodec(parsePayloadKeys(`a:${KEY_A}`), {
      onPlaintextRefused: (refused) => refusals.push(refused),
    });
    const forged = toPayload(RENEWAL_INPUT);
    const context = { type: 'workflow', namespace: 'default', workflowId: 'passport-renewal-r-1' } as const;
    const refusal = strict.decode([await encodeOne(strict, toPayload(null)), forged], context);
    await expect(refusal).rejects.toThrow(PlaintextPayloadError);
    await expect(refusal).rejects.toThrow(
      'Refused a payload that is not encrypted (encoding "json/plain") in workflow passport-renewal-r-1',
    );
    await expect(strict.decode([{ metadata: {} }])).rejects.toThrow('(encoding "(none)")');
    expect(refusals[0]).toEqual({
      encoding: 'json/plain',
      kind: 'workflow',
      namespace: 'default',
      workflowId: context.workflowId,
    });
    expect(refusals[1]).toEqual({ encoding: '(none)', kind: 'client', namespace: undefined, workflowId: undefined });
    expect(JSON.stringify(refusals)).not.toContain('1058529940');
  });

  it("decrypt (the codec endpoint's) shows a payload it did not encrypt as it is", () => {
    const plain = toPayload(RENEWAL_INPUT);
    expect(isEncrypted(plain)).toBe(false);
    expect(codec.decrypt(plain)).toBe(plain);
  });

  it('refuses a tampered ciphertext, tag or key id', async () => {
    const encrypted = await encodeOne(codec, toPayload(RENEWAL_INPUT));
    const flip = (at: number) => {
      const data = Buffer.from(encrypted.data!);
      data[at] ^= 0x01;
      return { ...encrypted, data };
    };
    await expect(decodeOne(codec, flip(20))).rejects.toThrow(/key id "a"\) failed authentication/);
    await expect(decodeOne(codec, flip(encrypted.data!.length - 1))).rejects.toThrow(/failed authentication/);
    await expect(decodeOne(codec, flip(0))).rejects.toThrow(/failed authentication/);
    await expect(
      decodeOne(codec, { ...encrypted, data: Buffer.from(encrypted.data!).subarray(0, 20) }),
    ).rejects.toThrow(/too short/);

    // Relabelled with another configured key's id: that key cannot authenticate it either.
    const twoKeys = codecWith(`a:${KEY_A},b:${KEY_B}`, 'a');
    const relabelled = { ...encrypted, metadata: { ...encrypted.metadata, [KEY_ID_METADATA]: Buffer.from('b') } };
    await expect(decodeOne(twoKeys, relabelled)).rejects.toThrow(/key id "b"\) failed authentication/);
  });

  it('rotates keys: new payloads use the current key, payloads of a retired key still decode', async () => {
    const beforeRotation = codecWith(`a:${KEY_A}`);
    const oldPayload = await encodeOne(beforeRotation, toPayload({ step: 'before' }));

    const afterRotation = codecWith(`a:${KEY_A},b:${KEY_B}`, 'b');
    const newPayload = await encodeOne(afterRotation, toPayload({ step: 'after' }));
    expect(meta(oldPayload, KEY_ID_METADATA)).toBe('a');
    expect(meta(newPayload, KEY_ID_METADATA)).toBe('b');

    const decoded = await afterRotation.decode([oldPayload, newPayload]);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
      { step: 'before' },
      { step: 'after' },
    ]);
    // The codec from before the rotation does not know key b.
    await expect(decodeOne(beforeRotation, newPayload)).rejects.toThrow(
      'Payload encrypted with key id "b", which is not among the configured PAYLOAD_KEYS',
    );
  });

  it('names an unknown key id in its error, and never a key', async () => {
    const encrypted = await encodeOne(codecWith(`gone-2025:${KEY_B}`), toPayload(RENEWAL_INPUT));
    const error: Error = await decodeOne(codec, encrypted).catch((e) => e);
    expect(error.name).toBe('PayloadDecryptionError');
    expect(error.message).toContain('"gone-2025"');
    expect(error.message).not.toContain(KEY_A);
    expect(error.message).not.toContain(KEY_B);
  });

  it('refuses an encrypted payload that names no key', async () => {
    const encrypted = await encodeOne(codec, toPayload(RENEWAL_INPUT));
    const { [KEY_ID_METADATA]: _dropped, ...metadata } = encrypted.metadata!;
    await expect(decodeOne(codec, { ...encrypted, metadata })).rejects.toThrow(/no encryption-key-id/);
  });
});
