import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../src/config/paths';
import { loadClusterOptions } from '../cluster/options';
import { embeddedDataDir } from '../embedded/config';
import { consoleLogger, print } from '../launcher/console-logger';
import { describeError } from '../launcher/logger';
import { backUp, backupName, restore } from './backup';

const USAGE = `npm run backup [-- --cluster] [--data-dir DIR] [--to DIR]
npm run restore -- --from DIR [--cluster] [--data-dir DIR] [--replace]

Backs up, or restores, the data folder of npm start (EMBEDDED_DATA_DIR, .data) or with --cluster of npm run cluster
(CLUSTER_DATA_DIR, .data-cluster): the application's database (product and sandboxes), Temporal's (the dev server's
SQLite file, or the cluster's PostgreSQL databases), the payload keys and the roles' passwords, all from one
instant. Stop the stack first (Ctrl-C); a backup or a restore is refused while it runs, and starting it afterwards
goes on from the backup. A backup goes to backups/<folder>-<time>/ unless --to names a new folder.

  --cluster        npm run cluster's data folder instead of npm start's
  --data-dir DIR   another data folder
  --to DIR         (backup) the new folder to write the backup into
  --from DIR       (restore) the backup to restore
  --replace        (restore) replace what the data folder holds (refused otherwise)`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      cluster: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
      replace: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || (command !== 'backup' && command !== 'restore')) {
    print(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const dataDir = resolve(
    values['data-dir'] ?? (values.cluster ? loadClusterOptions(process.env).dataDir : embeddedDataDir(process.env)),
  );
  const logger = consoleLogger(command);
  if (command === 'backup') {
    const target = resolve(values.to ?? join(PROJECT_ROOT, 'backups', backupName(dataDir)));
    const started = Date.now();
    const manifest = await backUp(dataDir, target, logger);
    const megabytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0) / 1024 / 1024;
    logger.log(
      `Backed up ${dataDir} to ${target}: ${manifest.files.length} files, ${megabytes.toFixed(1)} MB ` +
        `(PostgreSQL ${manifest.postgresVersion}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return;
  }
  if (!values.from) throw new Error('restore needs --from <backup folder>');
  const source = resolve(values.from);
  const manifest = await restore(source, dataDir, { replace: values.replace }, logger);
  logger.log(
    `Restored ${dataDir} from ${source} (taken ${manifest.takenAt}, ${manifest.files.length} files checked): ` +
      `start the stack on it to go on`,
  );
}

main().catch((error) => {
  consoleLogger('backup').error(describeError(error));
  process.exit(1);
});
