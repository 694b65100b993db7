import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblems } from '../shared/problems/api-problems.decorator';
import type { Principal, Role } from './principal';

export const ACCESS_METADATA = 'passport-renewal:access';
export const BEARER_SCHEME = 'bearer';

/** Who may call a route. Every route declares one; the auth guard refuses routes that do not. */
export type Access = { public: true } | { roles: readonly Role[] };

/** Only callers with a bearer token of one of these roles. */
export function Roles(...roles: Role[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { roles } satisfies Access),
    ApiBearerAuth(BEARER_SCHEME),
    ApiProblems(401, 403),
  );
}

/** No bearer token needed: health probes, and webhooks (which are authenticated by their signature). */
export function Public(): ClassDecorator & MethodDecorator {
  return SetMetadata(ACCESS_METADATA, { public: true } satisfies Access);
}

/** The authenticated caller, as the auth guard put it on the request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().principal,
);
