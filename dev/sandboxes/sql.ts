/** Anything that runs SQL: a DataSource, or the EntityManager of a transaction. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The rows of a statement. TypeORM answers `[rows, count]` for UPDATE and
 * DELETE (even with RETURNING) and plain rows otherwise; rows are never arrays.
 */
export async function queryRows<T>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = (await db.query(sql, parameters)) as unknown[];
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}

export async function queryRow<T>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<T | undefined> {
  const [row] = await queryRows<T>(db, sql, parameters);
  return row;
}

/** `YYYY-MM-DD` of a moment, in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Timestamps come back from node-postgres as Date objects; ports speak ISO 8601 strings. */
export function isoTimestamp(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
