import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ProblemException } from '../shared/problems/problem';
import { Access, ACCESS_METADATA } from './access.decorators';
import { AccessTokenVerifier } from './access-token-verifier';
import { CODEC_SESSION_COOKIE, CODEC_SESSION_METADATA, cookieOf } from './codec-session';
import type { Principal } from './principal';
import { TokenRefusal } from './token-refusal';

/** The bearer token of an `Authorization` header, if one was sent; refuses a header of any other shape. */
function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  if (!match) throw new TokenRefusal('token-malformed', 'Authorization must be "Bearer <access token>"');
  return match[1];
}

/**
 * Authenticates the bearer token and checks the route's roles, for every
 * route (registered as a global guard). Fails closed: a route that declares
 * neither `@Roles` nor `@Public` is an error, not an open door. It runs before
 * every other guard, interceptor and handler, so a refused token is audited
 * nowhere and spends no rate-limit budget.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, targets);
    if (!access) {
      throw new Error(`${context.getClass().name}.${context.getHandler().name} declares neither @Roles nor @Public`);
    }
    if ('public' in access) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<Request & { principal?: Principal }>();
    // The codec routes alone also take the operator's codec session cookie, which the Temporal UI sends.
    const codecSession = this.reflector.getAllAndOverride<boolean>(CODEC_SESSION_METADATA, targets)
      ? cookieOf(request, CODEC_SESSION_COOKIE)
      : undefined;
    let principal: Principal;
    try {
      const token = bearerToken(request) ?? codecSession;
      if (!token) throw new TokenRefusal('authentication-required', 'Send Authorization: Bearer <access token>');
      principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenRefusal) {
        // RFC 6750 §3.1: no error code when no credentials were sent at all.
        const challenge =
          error.slug === 'authentication-required'
            ? 'Bearer realm="passport-renewal"'
            : 'Bearer realm="passport-renewal", error="invalid_token"';
        http.getResponse<Response>().setHeader('WWW-Authenticate', challenge);
      }
      throw error;
    }
    if (!access.roles.includes(principal.role)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Not allowed for this role',
        `This operation is for ${access.roles.join(' or ')}`,
      );
    }
    request.principal = principal;
    return true;
  }
}
