import 'reflect-metadata';
import { loadConfig, requireDatabaseUrl } from '../config/configuration';
import { runMigrations } from './data-source';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (a deploy step; `npm start` does it itself). */
runMigrations(requireDatabaseUrl(loadConfig(process.env).databaseUrl)).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
