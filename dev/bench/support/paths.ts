import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above with a package.json (bench runs from `dist/dev/bench`). */
function projectRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}

export const PROJECT_ROOT = projectRoot(__dirname);
export const BENCH_ROOT = join(PROJECT_ROOT, 'dev', 'bench');
