import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';

/** Bearer-token authentication and role checks on every route (see `@Roles` and `@Public`). */
@Module({
  // Secrets are passed per call from the API configuration, so the module itself needs none.
  imports: [JwtModule.register({})],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
