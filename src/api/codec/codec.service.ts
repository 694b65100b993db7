import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import type { PayloadKeysConfig } from '../../config/payload-keys';
import { AesGcmPayloadCodec, PayloadDecryptionError } from '../../temporal/payload-codec';
import type { Principal } from '../auth/principal';
import { ValidationProblem } from '../shared/problems/problem';
import type { PayloadJson, PayloadsJson } from './dto/payloads.dto';
import { InjectConfig } from '../config-module/config.tokens';

const fromJson = (json: PayloadJson): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(json.metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  data: json.data === undefined ? undefined : Buffer.from(json.data, 'base64'),
});

const toJson = (payload: Payload): PayloadJson => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  ),
  ...(payload.data?.length ? { data: Buffer.from(payload.data).toString('base64') } : {}),
});

/**
 * The remote codec for the Temporal UI and CLI: the same codec the workers
 * use, over JSON. Decoding reveals personal data, so every call is logged
 * with who made it and how many payloads it covered (never what they hold).
 */
@Injectable()
export class CodecService {
  private readonly logger = new Logger('codec');
  private readonly codec: AesGcmPayloadCodec;

  constructor(@InjectConfig('payloadKeys') keys: PayloadKeysConfig) {
    this.codec = new AesGcmPayloadCodec(keys);
  }

  decode(principal: Principal, request: PayloadsJson): PayloadsJson {
    const payloads = (request.payloads ?? []).map((json, index) => {
      try {
        return toJson(this.codec.decrypt(fromJson(json)));
      } catch (error) {
        if (!(error instanceof PayloadDecryptionError)) throw error;
        // Well-formed (the schema's base64 and map) but not decryptable: beyond the schema, so a 422.
        throw new ValidationProblem(
          [{ field: `payloads.${index}`, message: error.message }],
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      }
    });
    this.logger.log(`${principal.actor} decoded ${payloads.length} payload(s)`);
    return { payloads };
  }

  encode(principal: Principal, request: PayloadsJson): PayloadsJson {
    const payloads = (request.payloads ?? []).map((json) => toJson(this.codec.encrypt(fromJson(json))));
    this.logger.log(`${principal.actor} encoded ${payloads.length} payload(s)`);
    return { payloads };
  }
}
