import type { DataConverter } from '@temporalio/common';
import type { PayloadKeysConfig } from '../config/payload-keys';
import { AesGcmPayloadCodec, type PayloadCodecOptions } from './payload-codec';

/** The module that exports `failureConverter`, for the data converter and for bundling the workflows with it. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The one data converter of every client and worker: default JSON payloads, encrypted on the way out and
 * decrypted on the way in, where a payload that is not encrypted is refused (`options` says whom to tell);
 * failure messages and stack traces encoded, so encrypted too. Search attributes do not pass through codecs;
 * they hold no personal data (workflows/contract/search-attributes.ts).
 */
export function createDataConverter(keys: PayloadKeysConfig, options: PayloadCodecOptions = {}): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys, options)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
