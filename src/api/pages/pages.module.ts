import { DynamicModule, Module } from '@nestjs/common';
import { loadPagesConfig, PagesOverrides } from '../../config/pages';
import { DevSignInController } from './dev-sign-in.controller';
import { PageAssets } from './page-assets';
import { PagesController } from './pages.controller';
import { PAGES_CONFIG } from './pages-config.token';

/** The citizen's, the clerk's and the operator's pages, served by the API itself. */
@Module({})
export class PagesModule {
  static register(overrides: PagesOverrides = {}): DynamicModule {
    return {
      module: PagesModule,
      controllers: [PagesController, DevSignInController],
      providers: [{ provide: PAGES_CONFIG, useFactory: () => loadPagesConfig(process.env, overrides) }, PageAssets],
    };
  }
}
