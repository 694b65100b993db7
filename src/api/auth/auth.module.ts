import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { ApiConfig } from '../../config/api';
import { configToken } from '../config-module/config.tokens';
import { AuthGuard } from './auth.guard';

/** Bearer-token authentication and role checks on every route (see `@Roles` and `@Public`). */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [configToken('api')],
      useFactory: ({ auth }: ApiConfig) => ({
        // A key object made once: given the secret as a string, jsonwebtoken first tries (and fails) to read it
        // as a public key on every verification, which cost a sixth of the API's CPU under load.
        secret: createSecretKey(Buffer.from(auth.jwtSecret)),
        verifyOptions: { issuer: auth.issuer, audience: auth.audience, algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
