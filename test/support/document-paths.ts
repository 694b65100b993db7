import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';

const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });

/** Every file git tracks, by its path from the repository's root. */
const tracked = (): string[] => git('ls-files', '-z').split('\0').filter(Boolean);

/** The documents: every Markdown file in the repository. */
export function documents(): string[] {
  return tracked().filter((path) => path.endsWith('.md'));
}

/**
 * The repository paths a document names: code spans whose first segment is a
 * top-level entry of the repository (`src/…`, `docs/design.md`, `Dockerfile`),
 * and relative link targets, resolved from the document's folder. A trailing
 * `/`, `:` or `:<line>` is not part of the path; `<name>` and `*` stand for one
 * segment. Paths git ignores (a data folder, a results folder) are what the
 * product writes at run time, not what the repository holds: they are skipped.
 */
export function namedPaths(document: string, topLevel: Set<string>): string[] {
  const text = readFileSync(join(PROJECT_ROOT, document), 'utf8');
  const spans = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1].split('#')[0])
    .filter((target) => target && !/^[a-z]+:/i.test(target))
    .map((target) => normalize(join(dirname(document), target)));
  const paths = [...spans.filter((span) => topLevel.has(span.split('/')[0])), ...links]
    .map((path) => path.replace(/(:\d+)?[/:,.]*$/, ''))
    .filter((path) => path && !path.startsWith('..'));
  return [...new Set(paths)];
}

/** For each document, the paths it names that the repository does not hold. */
export function missingPaths(): Record<string, string[]> {
  const files = tracked();
  const topLevel = new Set(files.map((path) => path.split('/')[0]));
  const folders = new Set(
    files.flatMap((path) =>
      path
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  const exists = (path: string) => {
    if (!/[<*]/.test(path)) return files.includes(path) || folders.has(path);
    const segment = (part: string) => part.replace(/[.+?^${}()|[\]\\*]/g, '\\$&').replace(/<[^>]+>|\\\*/g, '[^/]+');
    const pattern = new RegExp(`^${path.split('/').map(segment).join('/')}(/|$)`);
    return files.some((file) => pattern.test(file));
  };
  const ignored = (paths: string[]) => {
    if (!paths.length) return new Set<string>();
    try {
      // Asked as a file and as a folder: a pattern such as `.data/` matches only the latter.
      const answer = git('check-ignore', '--no-index', ...paths.flatMap((path) => [path, `${path}/`]));
      return new Set(answer.split('\n').map((path) => path.replace(/\/$/, '')));
    } catch {
      return new Set<string>(); // exit status 1: none is ignored
    }
  };
  return Object.fromEntries(
    documents().map((document) => {
      const absent = namedPaths(document, topLevel).filter((path) => !exists(path));
      const skipped = ignored(absent.filter((path) => !/[<*]/.test(path)));
      return [document, absent.filter((path) => !skipped.has(path))];
    }),
  );
}
