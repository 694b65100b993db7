import { DynamicModule, Module } from '@nestjs/common';
import type { PagesConfig } from '../../config/pages';
import { configToken } from '../config-module/config.tokens';
import { DevSignInController } from './dev-sign-in.controller';
import { PageAssets } from './page-assets';
import { PagesController } from './pages.controller';
import { PAGES_SETTINGS } from './pages-settings.token';
import { type PagesOptions, pagesSettings } from './pages-options';

/** The citizen's, the clerk's and the operator's pages, served by the API itself. */
@Module({})
export class PagesModule {
  static register(options: PagesOptions = {}): DynamicModule {
    return {
      module: PagesModule,
      controllers: [PagesController, DevSignInController],
      providers: [
        {
          provide: PAGES_SETTINGS,
          inject: [configToken('pages')],
          useFactory: (config: PagesConfig) => pagesSettings(config, options),
        },
        PageAssets,
      ],
    };
  }
}
