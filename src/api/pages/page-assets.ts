import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PagesSettings } from './pages-options';
import { InjectPagesSettings } from './pages-settings.token';

/** The files `npm run build` writes for the pages (see build-assets.ts), and how each is served. */
export const PAGE_ASSET_TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

export interface PageAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/**
 * The built scripts and styles, read once at start and served from memory.
 * Only these names are ever served, so no request path reaches the file system.
 */
@Injectable()
export class PageAssets {
  private readonly logger = new Logger(PageAssets.name);
  private readonly assets = new Map<string, PageAsset>();

  constructor(@InjectPagesSettings() config: PagesSettings) {
    for (const [name, contentType] of Object.entries(PAGE_ASSET_TYPES)) {
      const path = join(config.assetsDir, name);
      if (!existsSync(path)) continue;
      const body = readFileSync(path);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      this.assets.set(name, { body, contentType, etag });
    }
    if (this.assets.size < Object.keys(PAGE_ASSET_TYPES).length) {
      this.logger.warn(`The pages are not built (no assets in ${config.assetsDir}): run npm run build`);
    }
  }

  get(name: string): PageAsset | undefined {
    return this.assets.get(name);
  }

  /** A version for the URLs of the shell, so a new build is never mixed with a cached old one. */
  version(name: string): string {
    return this.assets.get(name)?.etag.slice(1, 9) ?? 'missing';
  }
}
