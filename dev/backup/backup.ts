import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative } from 'node:path';
import { embeddedPostgresMajorVersion } from '../infra/embedded-postgres';
import { claimDataDir } from '../launcher/recovery';
import type { LauncherLogger } from '../launcher/logger';

/**
 * `npm run backup` and `npm run restore`: a development stack's data folder (`npm start`'s `.data`, the cluster's
 * `.data-cluster`), taken while nothing runs on it.
 *
 * What a data folder holds is the whole system's state: PostgreSQL's cluster (the product's schema, the
 * sandboxes' schema, and in the cluster Temporal's two databases), the dev server's SQLite file (`npm start`'s
 * Temporal), the payload keys the histories are encrypted with, and the roles' passwords. A backup is a copy of
 * all of it taken under the data folder's claim, the one `npm start` and `npm run cluster` take: no launcher runs
 * on it meanwhile (one that crashed is stopped first, PostgreSQL shutting down cleanly), so PostgreSQL's files
 * are those of a clean shutdown and the application's database and Temporal's are copied at one and the same
 * instant: no renewal is ahead in one and behind in the other.
 *
 * A copy of the files rather than pg_dump: embedded-postgres ships initdb, pg_ctl and postgres only, and the
 * machine's pg_dump (Debian's, 15) refuses a server of a later major version (17). A file-level copy of a cleanly
 * shut down cluster is a complete backup (PostgreSQL's documentation, "File System Level Backup"), restored onto
 * the same major version, which the manifest records and the restore checks. Production backs up differently:
 * continuous archiving with pgBackRest (docs/operations.md).
 */

export const MANIFEST = 'manifest.json';

export interface BackupManifest {
  /** What this is a backup of. */
  kind: 'passport-renewal data folder';
  takenAt: string;
  /** The data folder it was taken from. */
  from: string;
  /** PostgreSQL's major version (`postgres/PG_VERSION`): a restore needs the same. */
  postgresVersion: string;
  /** Every folder, empty ones included (PostgreSQL needs its empty pg_notify, pg_tblspc, ... to start). */
  directories: string[];
  files: Array<{ path: string; bytes: number; sha256: string }>;
}

/** Left out: the claim (pid files), logs, PostgreSQL's run-time files, and what a start makes anew. */
const SKIPPED = new Set(['pids', 'logs', 'postgres/postmaster.pid', 'postgres/postmaster.opts', 'workflow-bundle.js']);

/** The folders and files under `root`, as paths relative to it, less what is skipped. */
function contentsOf(root: string, dir = root): { directories: string[]; files: string[] } {
  const found = { directories: [] as string[], files: [] as string[] };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const name = relative(root, path);
    if (SKIPPED.has(name)) continue;
    if (entry.isDirectory()) {
      const inner = contentsOf(root, path);
      found.directories.push(name, ...inner.directories);
      found.files.push(...inner.files);
    } else if (entry.isFile()) found.files.push(name);
  }
  return found;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Copies the stopped data folder into `target` (a new folder), with a manifest of every file and its digest. */
export async function backUp(dataDir: string, target: string, logger: LauncherLogger): Promise<BackupManifest> {
  if (!existsSync(join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new Error(`${dataDir} holds no PostgreSQL cluster (postgres/PG_VERSION): nothing to back up`);
  }
  if (existsSync(target)) throw new Error(`${target} exists already: back up into a new folder`);
  // Refused while a launcher runs on the folder; what a crashed one left running is stopped first.
  const claim = await claimDataDir(dataDir, logger);
  try {
    const manifest: BackupManifest = {
      kind: 'passport-renewal data folder',
      takenAt: new Date().toISOString(),
      from: dataDir,
      postgresVersion: readFileSync(join(dataDir, 'postgres', 'PG_VERSION'), 'utf8').trim(),
      directories: [],
      files: [],
    };
    const { directories, files } = contentsOf(dataDir);
    manifest.directories = directories;
    for (const directory of directories) mkdirSync(join(target, 'data', directory), { recursive: true });
    for (const path of files) {
      const copy = join(target, 'data', path);
      copyFileSync(join(dataDir, path), copy);
      manifest.files.push({ path, bytes: lstatSync(copy).size, sha256: sha256(copy) });
    }
    // Readable by its owner only: it holds the personal data at rest and the keys of the histories.
    chmodSync(target, 0o700);
    writeFileSync(join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return manifest;
  } finally {
    claim.release();
  }
}

export interface RestoreOptions {
  /** Remove what the data folder holds first; without it, a folder with data in it is refused. */
  replace: boolean;
}

/**
 * Puts a backup back as the data folder, after checking every file against the manifest; the next `npm start`
 * (or `npm run cluster`) starts from it, and the renewals in flight go on from where they were.
 */
export async function restore(
  source: string,
  dataDir: string,
  options: RestoreOptions,
  logger: LauncherLogger,
): Promise<BackupManifest> {
  const manifest = readManifest(source);
  const binaries = await embeddedPostgresMajorVersion();
  if (manifest.postgresVersion !== binaries) {
    throw new Error(
      `${source} holds a PostgreSQL ${manifest.postgresVersion} cluster, and the embedded binaries are ${binaries}: ` +
        'restore with the version it was taken with',
    );
  }
  for (const file of manifest.files) {
    const path = join(source, 'data', file.path);
    if (!existsSync(path) || sha256(path) !== file.sha256) {
      throw new Error(`${source} is damaged: ${file.path} is missing or differs from its manifest; nothing restored`);
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const claim = await claimDataDir(dataDir, logger);
  try {
    const present = readdirSync(dataDir).filter((entry) => join(dataDir, entry) !== claim.pidFiles.dir);
    if (present.length > 0 && !options.replace) {
      throw new Error(
        `${dataDir} is not empty (${present.join(', ')}): restore into an empty folder, or pass --replace`,
      );
    }
    for (const entry of present) rmSync(join(dataDir, entry), { recursive: true, force: true });
    for (const directory of manifest.directories) mkdirSync(join(dataDir, directory), { recursive: true });
    for (const file of manifest.files) copyFileSync(join(source, 'data', file.path), join(dataDir, file.path));
    // PostgreSQL refuses a cluster directory others may read, and, run as root, runs as `postgres`, which must own it.
    const cluster = join(dataDir, 'postgres');
    chmodSync(cluster, 0o700);
    if (process.getuid?.() === 0) chownTree(cluster, 'postgres');
    chmodSync(dataDir, 0o755);
    return manifest;
  } finally {
    claim.release();
  }
}

export function readManifest(source: string): BackupManifest {
  const path = join(source, MANIFEST);
  if (!existsSync(path)) throw new Error(`${source} is not a backup: it has no ${MANIFEST}`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (manifest.kind !== 'passport-renewal data folder') throw new Error(`${path} is not a backup's manifest`);
  return manifest;
}

function chownTree(root: string, user: string): void {
  const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  const [uid, gid] = [id('-u'), id('-g')];
  const walk = (path: string) => {
    chownSync(path, uid, gid);
    if (lstatSync(path).isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(root);
}

/** The default name of a new backup: the folder's name and the time, e.g. `.data-20261207T101500Z`. */
export function backupName(dataDir: string, at = new Date()): string {
  return `${basename(dataDir)}-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`;
}
