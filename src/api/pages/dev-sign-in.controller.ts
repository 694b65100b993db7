import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ApiConfig } from '../../config/api';
import type { PagesSettings } from './pages-options';
import { claimsProblem, mintAccessToken } from '../auth/access-token';
import { Public } from '../auth/access.decorators';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { ProblemException, ValidationProblem } from '../shared/problems/problem';
import { InjectConfig } from '../config-module/config.tokens';
import { SkipIdempotencyKey } from '../idempotency/idempotency.decorators';
import { DevSignInDto, DevSignInView, SeededIdentityView } from './dto/dev-sign-in.dto';
import { InjectPagesSettings } from './pages-settings.token';

/**
 * Development sign-in for testers of the sandbox stack: pick a seeded citizen,
 * a clerk of an office, or an operator, and get a token as the identity
 * provider would issue it. Only when the launcher asked for it, and never
 * under NODE_ENV=production: otherwise every route here is a 404.
 */
@ApiExcludeController()
@Public()
@RateLimited('public')
@Controller('pages/dev')
export class DevSignInController {
  constructor(
    @InjectPagesSettings() private readonly config: PagesSettings,
    @InjectConfig('api') private readonly api: ApiConfig,
  ) {}

  @Get('identities')
  identities(): SeededIdentityView[] {
    this.requireEnabled();
    return this.config.devCitizens;
  }

  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @SkipIdempotencyKey()
  signIn(@Body() request: DevSignInDto): DevSignInView {
    this.requireEnabled();
    const claims =
      request.role === 'clerk'
        ? { role: request.role, sub: request.sub, office: request.office }
        : { role: request.role, sub: request.sub };
    const problem = claimsProblem(claims);
    if (problem) throw new ValidationProblem([{ field: 'sub', message: problem }]);
    return { token: mintAccessToken(this.api.auth, claims), expiresInSeconds: this.api.auth.tokenTtlSeconds };
  }

  private requireEnabled(): void {
    if (!this.config.devSignIn) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'dev-sign-in-disabled',
        'Development sign-in is not available',
        'Sign in with the identity provider',
      );
    }
  }
}
