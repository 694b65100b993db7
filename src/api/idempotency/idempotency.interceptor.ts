import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import type { Principal } from '../auth/principal';
import { OPAQUE_KEY } from '../shared/validation/opaque-key';
import { ValidationProblem } from '../shared/problems/problem';
import { canonicalJson } from './canonical-json';
import type { IdempotencyContext } from './idempotency-context';
import { SKIP_IDEMPOTENCY_KEY } from './idempotency.decorators';
import { IdempotencyStore } from './idempotency.store';

type ApiRequest = Request & { principal?: Principal; idempotency?: IdempotencyContext };

/** Visible ASCII, at most 255 characters; an RFC 8941 quoted string is accepted too. */
function idempotencyKeyOf(request: Request): string {
  const raw = request.headers['idempotency-key'];
  const key = (Array.isArray(raw) ? raw[0] : raw)?.trim().replace(/^"(.*)"$/, '$1');
  if (!key || !OPAQUE_KEY.test(key)) {
    throw new ValidationProblem([
      {
        field: 'Idempotency-Key',
        message: 'the Idempotency-Key header is required: 1 to 255 visible ASCII characters, e.g. a UUID',
      },
    ]);
  }
  return key;
}

/**
 * Every POST (but webhooks) takes an Idempotency-Key. The first request with a
 * key executes and its successful response is stored; a repeat with the same
 * body gets that response back, a repeat with another body a 409. A failed
 * request stores nothing, so the client may retry it with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_IDEMPOTENCY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (request.method !== 'POST' || skip) return next.handle();
    if (!request.principal) throw new Error('Idempotency keys are scoped per caller: the route must require a token');

    const idempotency: IdempotencyContext = { scope: request.principal.actor, key: idempotencyKeyOf(request) };
    const requestHash = createHash('sha256')
      .update(canonicalJson({ url: request.originalUrl, body: request.body ?? null }))
      .digest('hex');
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;

    return from(this.store.claim(idempotency, requestHash)).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay') {
          context.switchToHttp().getResponse<Response>().setHeader('Idempotent-Replayed', 'true');
          return of(claim.body);
        }
        request.idempotency = idempotency;
        return next.handle().pipe(
          mergeMap(async (body) => {
            await this.store.complete(idempotency, status, body);
            return body;
          }),
          catchError((error) => from(this.store.release(idempotency)).pipe(mergeMap(() => throwError(() => error)))),
        );
      }),
    );
  }
}
