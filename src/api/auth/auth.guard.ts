import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { ApiConfig } from '../../config/api';
import { ProblemException } from '../shared/problems/problem';
import { InjectConfig } from '../config-module/config.tokens';
import { Access, ACCESS_METADATA } from './access.decorators';
import { claimsProblem, principalOf } from './access-token';
import { InjectLocalUiTrust, LOCAL_UI_METADATA, LOCAL_UI_PRINCIPAL, LocalUiTrust } from './local-ui';
import type { AccessClaims, Principal } from './principal';

function bearerToken(request: Request): string | undefined {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

/** How long a verified token is remembered at most; never past its own expiry. */
const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;

/**
 * Authenticates the bearer token and checks the route's roles, for every
 * route (registered as a global guard). Fails closed: a route that declares
 * neither `@Roles` nor `@Public` is an error, not an open door.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Tokens already verified, with the caller each names: a portal session sends one token with every request,
   * and checking its signature and deriving the citizen's pseudonym each time was most of what a read cost
   * beyond the database. Only valid tokens are kept, each until it expires; a token that fails is checked
   * afresh every time.
   */
  private readonly verified = new LRUCache<string, Principal>({ max: 10_000 });

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectConfig('api') private readonly config: ApiConfig,
    @InjectLocalUiTrust() private readonly localUi?: LocalUiTrust | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) {
      throw new Error(`${context.getClass().name}.${context.getHandler().name} declares neither @Roles nor @Public`);
    }
    if ('public' in access) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<Request & { principal?: Principal }>();
    const localUiMayCall = this.reflector.getAllAndOverride<boolean>(LOCAL_UI_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (localUiMayCall && this.localUi?.admits(request)) {
      request.principal = LOCAL_UI_PRINCIPAL;
      return true;
    }
    const principal = await this.authenticate(request, http.getResponse<Response>());
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

  private async authenticate(request: Request, response: Response): Promise<Principal> {
    const refuse = (slug: string, title: string, detail: string): never => {
      response.setHeader('WWW-Authenticate', `Bearer realm="passport-renewal", error="invalid_token"`);
      throw new ProblemException(HttpStatus.UNAUTHORIZED, slug, title, detail);
    };
    const token = bearerToken(request);
    if (!token)
      return refuse('authentication-required', 'Authentication required', 'Send Authorization: Bearer <token>');
    const known = this.verified.get(token);
    if (known) return known;
    let claims: AccessClaims & { exp?: number };
    try {
      // Key, issuer, audience and algorithm: as the auth module registered them.
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError)
        return refuse('token-expired', 'Token expired', 'The bearer token has expired');
      return refuse('token-invalid', 'Invalid token', 'The bearer token is not valid for this API');
    }
    const problem = claimsProblem(claims);
    if (problem) return refuse('token-invalid', 'Invalid token', problem);
    const principal = Object.freeze(principalOf(claims, this.config.pseudonymKey));
    const untilExpiry = claims.exp === undefined ? VERIFIED_TOKEN_TTL_MS : claims.exp * 1000 - Date.now();
    if (untilExpiry > 0) this.verified.set(token, principal, { ttl: Math.min(untilExpiry, VERIFIED_TOKEN_TTL_MS) });
    return principal;
  }
}
