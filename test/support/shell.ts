import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Documented commands run the compiled scripts (`npm start` builds them): build them unless they are current. */
export function ensureBuilt(): void {
  const built = join(PROJECT_ROOT, 'dist', 'dev', 'demo', 'main.js');
  const sources = Math.max(
    ...['src', 'workflows', 'activities', 'dev'].map((dir) => newestSourceMs(join(PROJECT_ROOT, dir))),
  );
  let builtMs = 0;
  try {
    builtMs = statSync(built).mtimeMs;
  } catch {
    // not built yet
  }
  if (builtMs < sources) execFileSync('npx', ['tsc', '-p', 'dev/tsconfig.json'], { cwd: PROJECT_ROOT });
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
