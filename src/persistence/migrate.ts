import 'reflect-metadata';
import { loadDatabaseUrl, requireDatabaseUrl } from '../config/database';
import { runMigrations } from './data-source';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (a deploy step; `npm start` does it itself). */
runMigrations(requireDatabaseUrl(loadDatabaseUrl(process.env))).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
