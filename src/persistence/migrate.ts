import 'reflect-metadata';
import { requireDatabaseUrl } from '../config/database';
import { loadMigratorProcessConfig } from '../config/processes';
import { runMigrations } from './data-source';
import { PersonalDataProtection } from './personal-data';

/**
 * `npm run migrate`: applies pending migrations to DATABASE_URL (a deploy step; `npm start` does it itself), with
 * the keys a migration needs to encrypt personal data already stored (PERSONAL_DATA_KEYS, API_PSEUDONYM_KEY).
 */
async function main(): Promise<void> {
  const config = loadMigratorProcessConfig(process.env);
  await runMigrations(
    requireDatabaseUrl(config.databaseUrl),
    new PersonalDataProtection(config.personalDataKeys, config.pseudonymKey),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
