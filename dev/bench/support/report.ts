import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { BENCH_ROOT, PROJECT_ROOT } from './paths';

export interface RunInfo {
  /** Short commit, `+dirty` when the tree has changes; BENCH_COMMIT overrides (e.g. a tree copied without git). */
  commit: string;
  date: string;
  machine: string;
}

export function runInfo(): RunInfo {
  return {
    commit: process.env.BENCH_COMMIT ?? gitCommit(),
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    // The load average says how much else the (shared) machine was doing when the figure started.
    machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, load ${loadavg()[0].toFixed(1)}`,
  };
}

function gitCommit(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    return git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? '+dirty' : '');
  } catch {
    return 'unknown';
  }
}

/**
 * Writes the figure's full result as JSON under dev/bench/results (git-ignored) and
 * appends one row to its table in docs/benchmarks.md (BENCH_REPORT names
 * another file, e.g. to record an old commit's run into the current tree).
 */
export async function record(
  figure: string,
  info: RunInfo,
  result: object,
  row: Array<string | number>,
): Promise<void> {
  const dir = join(BENCH_ROOT, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${figure}-${info.commit}-${info.date.replace(/[ :]/g, '')}.json`);
  writeFileSync(file, JSON.stringify({ figure, ...info, ...result }, null, 2) + '\n');
  await appendRow(figure, [info.commit, info.date, info.machine, ...row]);
  console.log(`${figure}: ${file}`);
}

/** The row goes after the last table line above the figure's marker comment; Prettier then realigns the table. */
async function appendRow(figure: string, cells: Array<string | number>): Promise<void> {
  const path = process.env.BENCH_REPORT ?? join(PROJECT_ROOT, 'docs', 'benchmarks.md');
  const marker = `<!-- bench:${figure} -->`;
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
  const at = lines.indexOf(marker);
  if (at < 0) throw new Error(`${path} has no ${marker} under the ${figure} table`);
  let last = at - 1;
  while (last >= 0 && !lines[last].startsWith('|')) last -= 1;
  if (last < 0) throw new Error(`${path} has no table above ${marker}`);
  lines.splice(last + 1, 0, `| ${cells.join(' | ')} |`);
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(lines.join('\n'), { ...options, filepath: path }));
}

/** Rounds for a table cell. */
export const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
export const ratio = (value: number, floor: number) => `${fixed(value / floor, 2)}×`;
