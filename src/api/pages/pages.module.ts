import { Module } from '@nestjs/common';
import type { OidcConfig } from '../../config/oidc';
import type { PagesConfig } from '../../config/pages';
import type { ProviderMetadata } from '../auth/provider-metadata';
import { PROVIDER_METADATA } from '../auth/provider-metadata.token';
import { configToken } from '../config-module/config.tokens';
import { PageAssets } from './page-assets';
import { PagesController } from './pages.controller';
import { PAGES_SETTINGS } from './pages-settings.token';
import { pagesSettings } from './pages-options';

/** The citizen's, the clerk's and the operator's pages, served by the API itself. */
@Module({
  controllers: [PagesController],
  providers: [
    {
      provide: PAGES_SETTINGS,
      inject: [configToken('pages'), configToken('oidc'), PROVIDER_METADATA],
      useFactory: (config: PagesConfig, oidc: OidcConfig, provider: ProviderMetadata) =>
        pagesSettings(config, oidc, provider),
    },
    PageAssets,
  ],
})
export class PagesModule {}
