import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import type { CodecServerConfig } from '../../config/codec-server';
import type { PayloadKeysConfig } from '../../config/payload-keys';
import { DecodeLogRepository } from '../../persistence/repositories/decode-log.repository';
import type { ApiMetrics } from '../../telemetry/metrics';
import { InjectApiMetrics } from '../telemetry-module/api-metrics.token';
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

/** Where a decode request came from, as the HTTP request tells it. */
export interface DecodeCaller {
  namespace?: string;
  clientIp?: string;
  userAgent?: string;
  origin?: string;
}

const header = (value: string | undefined) => (value ? value.slice(0, 256) : null);

/**
 * The remote codec for the Temporal UI and CLI: the same codec the workers
 * use, over JSON. Decoding reveals personal data, so every decode is written to
 * the append-only decode log (who, how many payloads, which namespace, from
 * where, when: never what they hold) before its answer leaves, and one person
 * decoding in bulk raises the DecodeBurst alert. A payload that is not
 * encrypted is shown as it is (the workers refuse it; an operator looking at a
 * forged signal sees what it held).
 */
@Injectable()
export class CodecService {
  private readonly logger = new Logger('codec');
  private readonly codec: AesGcmPayloadCodec;

  constructor(
    @InjectConfig('payloadKeys') keys: PayloadKeysConfig,
    @InjectConfig('codecServer') private readonly config: CodecServerConfig,
    private readonly decodeLog: DecodeLogRepository,
    @InjectApiMetrics() private readonly metrics: ApiMetrics,
  ) {
    this.codec = new AesGcmPayloadCodec(keys);
  }

  async decode(principal: Principal, request: PayloadsJson, caller: DecodeCaller): Promise<PayloadsJson> {
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
    const { windowMs, payloads: limit } = this.config.decodeAlert;
    const { entry, payloadsInWindow } = await this.decodeLog.append(
      {
        actor: principal.actor,
        namespace: header(caller.namespace),
        payloads: payloads.length,
        clientIp: header(caller.clientIp),
        userAgent: header(caller.userAgent),
        origin: header(caller.origin),
      },
      windowMs,
    );
    this.metrics.payloadIntegrity.decodedPayloads(payloads.length);
    this.logger.log(`${principal.actor} decoded ${payloads.length} payload(s) (decode log ${entry.id})`);
    // Once per crossing: the call that takes the person over the limit raises it, the ones after it do not.
    if (payloadsInWindow > limit && payloadsInWindow - payloads.length <= limit) {
      this.metrics.payloadIntegrity.decodeBurst();
      this.logger.warn({
        message: 'A person decoded more payloads than the alert allows',
        alert: 'DecodeBurst',
        actor: principal.actor,
        payloadsInWindow,
        limit,
        windowMs,
      });
    }
    return { payloads };
  }

  encode(principal: Principal, request: PayloadsJson): PayloadsJson {
    const payloads = (request.payloads ?? []).map((json) => toJson(this.codec.encrypt(fromJson(json))));
    this.logger.log(`${principal.actor} encoded ${payloads.length} payload(s)`);
    return { payloads };
  }
}
