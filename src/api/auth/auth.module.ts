import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ApiConfig } from '../../config/api';
import type { OidcConfig } from '../../config/oidc';
import { configToken } from '../config-module/config.tokens';
import { AccessTokenVerifier } from './access-token-verifier';
import { AuthGuard } from './auth.guard';
import { discoverProvider, type ProviderMetadata } from './provider-metadata';
import { PROVIDER_METADATA } from './provider-metadata.token';

/**
 * Bearer-token authentication and role checks on every route (see `@Roles` and `@Public`), against the OpenID
 * provider of OIDC_ISSUER_URL, whose discovery document is read once at start.
 */
@Global()
@Module({
  providers: [
    {
      provide: PROVIDER_METADATA,
      inject: [configToken('oidc')],
      useFactory: (oidc: OidcConfig): Promise<ProviderMetadata> => {
        if (!oidc.issuerUrl) {
          throw new Error('OIDC_ISSUER_URL is not set: the API needs the OpenID provider it trusts');
        }
        return discoverProvider(oidc.issuerUrl, oidc.discoveryTimeoutMs);
      },
    },
    {
      provide: AccessTokenVerifier,
      inject: [PROVIDER_METADATA, configToken('oidc'), configToken('api')],
      useFactory: (metadata: ProviderMetadata, oidc: OidcConfig, api: ApiConfig) =>
        new AccessTokenVerifier(metadata, oidc, api.pseudonymKey),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PROVIDER_METADATA, AccessTokenVerifier],
})
export class AuthModule {}
