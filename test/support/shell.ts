import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Documented commands run what `npm start` builds (`npm run build`: the compiled scripts and the pages' bundle):
 * build it unless both are current. A clean clone has neither, and an API without its pages warns at start.
 */
export function ensureBuilt(): void {
  const outputs = [join(PROJECT_ROOT, 'dist', 'dev', 'demo', 'main.js'), join(PROJECT_ROOT, 'dist', 'web', 'app.js')];
  const sources = Math.max(
    ...['src', 'workflows', 'activities', 'dev'].map((dir) => newestSourceMs(join(PROJECT_ROOT, dir))),
  );
  const builtMs = Math.min(
    ...outputs.map((output) => {
      try {
        return statSync(output).mtimeMs;
      } catch {
        return 0; // not built yet
      }
    }),
  );
  if (builtMs < sources) execFileSync('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT });
}

/** A documented shell block, run as a reader would paste it, with its output (stdout and stderr). */
export function runBash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: PROJECT_ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}
