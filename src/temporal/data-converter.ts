import type { DataConverter } from '@temporalio/common';
import type { PayloadKeysConfig } from '../config/payload-keys';
import { AesGcmPayloadCodec } from './payload-codec';

/**
 * The one data converter of every client and worker: default JSON payloads,
 * encrypted on the way out and decrypted on the way in. Search attributes do
 * not pass through codecs; they hold no personal data (workflows/contract/search-attributes.ts).
 */
export function createDataConverter(keys: PayloadKeysConfig): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)] };
}
