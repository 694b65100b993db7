import { Body, type RawBodyRequest, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiHeader } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/access.decorators';
import { AcceptsCodecSession } from '../auth/codec-session';
import type { Principal } from '../auth/principal';
import { CommandEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { ValidationProblem } from '../shared/problems/problem';
import { SkipIdempotencyKey } from '../idempotency/idempotency.decorators';
import { CodecService } from './codec.service';
import { PayloadsJson } from './dto/payloads.dto';

/** `{}` asks for no payloads; no body at all is no codec request (the document requires one). */
function requireBody(http: RawBodyRequest<Request>): void {
  if (!http.rawBody?.length) throw new ValidationProblem([{ field: 'body', message: 'a JSON body is required' }]);
}

/**
 * Temporal's remote codec endpoint: the Temporal UI (`TEMPORAL_CODEC_ENDPOINT`)
 * and `temporal workflow show --codec-endpoint` post encrypted payloads here
 * and show what comes back. Operators only: with their bearer token, or with
 * the codec session cookie the operator's desk set (codec-session.controller.ts),
 * which a Temporal UI told to include credentials sends. Neither call changes
 * anything, so neither takes an Idempotency-Key (the UI could not send one).
 */
@RoleController({ path: 'codec', role: 'operator', tag: 'codec' })
@AcceptsCodecSession()
@SkipIdempotencyKey()
@ApiHeader({ name: 'X-Namespace', required: false, description: 'Sent by the Temporal UI; kept in the decode log' })
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @CommandEndpoint('decode', {
    summary: 'Decrypt workflow payloads (Temporal remote codec format)',
    response: { type: PayloadsJson, description: 'The same payloads in the same order, decrypted' },
    problems: [400, 413, 422],
  })
  decode(
    @CurrentPrincipal() principal: Principal,
    @Body() request: PayloadsJson,
    @Req() http: RawBodyRequest<Request>,
  ): Promise<PayloadsJson> {
    requireBody(http);
    return this.codec.decode(principal, request, {
      namespace: http.get('x-namespace'),
      clientIp: http.ip,
      userAgent: http.get('user-agent'),
      origin: http.get('origin'),
    });
  }

  @CommandEndpoint('encode', {
    summary: 'Encrypt payloads with the current key, as the workers would (Temporal remote codec format)',
    response: { type: PayloadsJson, description: 'The same payloads in the same order, encrypted' },
    problems: [400, 413],
  })
  encode(
    @CurrentPrincipal() principal: Principal,
    @Body() request: PayloadsJson,
    @Req() http: RawBodyRequest<Request>,
  ): PayloadsJson {
    requireBody(http);
    return this.codec.encode(principal, request);
  }
}
