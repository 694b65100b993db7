import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorators';
import type { Role } from '../../auth/principal';

/** A controller for one role: its routes under `path`, for callers of `role` only, listed under `tag` in the document. */
export function RoleController(options: { path: string; role: Role; tag: string }): ClassDecorator {
  return applyDecorators(ApiTags(options.tag), Roles(options.role), Controller(options.path));
}
