import { Controller, Get, Header, HttpStatus, Param, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { PagesSettings } from './pages-options';
import { Public } from '../auth/access.decorators';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { ProblemException } from '../shared/problems/problem';
import { PageAssets } from './page-assets';
import { pageShell } from './page-shell';
import { pagesCsp } from './pages-csp';
import { PageName, PAGES } from './page-settings';
import { InjectPagesSettings } from './pages-settings.token';

const notFound = () => new ProblemException(HttpStatus.NOT_FOUND, 'page-not-found', 'Page not found');

/**
 * The pages for people (citizen, counter, operator, sign-in and the sign-in's
 * return and sign-out pages) and their assets. Public: a page holds no data;
 * everything it shows comes from the API, with the bearer token of whoever
 * signed in through the identity provider.
 */
@ApiExcludeController()
@Public()
@RateLimited('public')
@Controller()
export class PagesController {
  constructor(
    @InjectPagesSettings() private readonly config: PagesSettings,
    private readonly assets: PageAssets,
  ) {}

  @Get()
  @Redirect('/pages/citizen', HttpStatus.FOUND)
  home(): void {}

  // nosniff and no-referrer: helmet's, on every answer; its Content-Security-Policy too, with the token endpoint's
  // origin added for the pages (pages-csp.ts).
  @Get('pages/:page')
  @Header('Cache-Control', 'no-cache')
  page(@Param('page') page: string, @Res() response: Response): void {
    if (!PAGES.includes(page as PageName)) throw notFound();
    if (!this.assets.get('app.js') || !this.assets.get('app.css')) {
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'pages-not-built',
        'The pages are not built',
        'Run npm run build, which bundles the pages into dist/web',
      );
    }
    const versions = { js: this.assets.version('app.js'), css: this.assets.version('app.css') };
    response
      .set('Content-Security-Policy', pagesCsp(this.config))
      .type('html')
      .send(pageShell(page as PageName, this.config, versions));
  }

  @Get('pages/assets/:file')
  asset(@Param('file') file: string, @Req() request: Request, @Res() response: Response): void {
    const asset = this.assets.get(file);
    if (!asset) throw notFound();
    response.set({
      'Content-Type': asset.contentType,
      ETag: asset.etag,
      'Cache-Control': 'no-cache',
    });
    if (request.headers['if-none-match'] === asset.etag) {
      response.status(HttpStatus.NOT_MODIFIED).end();
      return;
    }
    response.send(asset.body);
  }
}
