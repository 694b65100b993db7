import { build } from 'esbuild';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths';

/** The pages' sources: a small Preact app, type-checked on its own (src/web/tsconfig.json). */
export const WEB_SOURCES = join(PROJECT_ROOT, 'src', 'web');
export const DEFAULT_ASSETS_DIR = join(PROJECT_ROOT, 'dist', 'web');

/**
 * Bundles the pages into `app.js` and `app.css` (see PAGE_ASSET_TYPES), minified
 * and self-contained: nothing is loaded from anywhere else at run time.
 */
export async function buildPageAssets(outDir: string = DEFAULT_ASSETS_DIR): Promise<void> {
  await build({
    entryPoints: { app: join(WEB_SOURCES, 'main.tsx') },
    outdir: outDir,
    bundle: true,
    minify: true,
    sourcemap: false,
    format: 'iife',
    target: ['chrome120', 'firefox121', 'safari17'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(WEB_SOURCES, 'tsconfig.json'),
    logLevel: 'warning',
    legalComments: 'none',
  });
}

if (require.main === module) {
  buildPageAssets(process.argv[2]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
