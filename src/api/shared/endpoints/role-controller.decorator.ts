import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorators';
import type { Role } from '../../auth/principal';
import { RateLimited } from '../../rate-limits/rate-limited.decorator';

/**
 * A controller for one role: its routes under `path`, for callers of `role` only, listed under `tag` in the
 * document, each caller within the budget of their class (a citizen's, or staff's for every other role).
 */
export function RoleController(options: { path: string; role: Role; tag: string }): ClassDecorator {
  return applyDecorators(
    ApiTags(options.tag),
    Roles(options.role),
    RateLimited(options.role === 'citizen' ? 'citizen' : 'staff'),
    Controller(options.path),
  );
}
