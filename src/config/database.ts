import { type Env, readEnv, text } from './env';

/** DATABASE_URL: the product's PostgreSQL. Unset, the embedded launcher starts one and fills it in. */
export function loadDatabaseUrl(env: Env): string | undefined {
  return readEnv(env, 'DATABASE_URL', undefined, text, 'text');
}

/** The database URL, which every process but the embedded launcher must be given. */
export function requireDatabaseUrl(databaseUrl: string | undefined): string {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  return databaseUrl;
}
