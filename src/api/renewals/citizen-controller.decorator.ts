import { applyDecorators, UseGuards } from '@nestjs/common';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { ApiProblems } from '../shared/problems/api-problems.decorator';
import { CitizenThrottlerGuard } from './citizen-throttler.guard';

/** A controller of the citizen's own renewals: citizens only, and each citizen within their rate limit (429). */
export function CitizenController(path: string): ClassDecorator {
  return applyDecorators(
    RoleController({ path, role: 'citizen', tag: 'citizen' }),
    ApiProblems(429),
    UseGuards(CitizenThrottlerGuard),
  );
}
