import type { EntityManager } from 'typeorm';

/**
 * Keyset paging and bounded counts, for the lists over tables of millions of rows. A page is read from an
 * index in the list's order and stops after its last row; the next page starts after that row's key, so a
 * page costs the same whether it is the first or the ten-thousandth, and rows written meanwhile neither
 * repeat nor push others out of it (an offset does both). Nothing counts a whole table.
 */

/**
 * Where a page ended: the list's time column in microseconds since the epoch (PostgreSQL's precision: a
 * JavaScript Date keeps milliseconds, and two rows in the same millisecond would then be skipped or repeated)
 * and the row's id, which breaks ties.
 */
export interface Keyset {
  micros: string;
  id: string;
}

/** One page: at most `limit` rows after `after` (the first page without it). */
export interface PageRequest {
  limit: number;
  after?: Keyset;
}

/** A page of rows, and where the next one starts if there are more. */
export interface PageOf<T> {
  rows: T[];
  next?: Keyset;
}

/**
 * How many rows match, as far as it is cheap to know:
 * - `EXACT`: counted, no more than the cap;
 * - `AT_LEAST`: more than the cap match (`count` is the cap), and `estimate` is the planner's guess;
 * - `ESTIMATED`: counting would take longer than COUNT_TIMEOUT_MS (the matching rows are few and scattered
 *   among many the best index still has to pass), so `count` is the planner's estimate.
 * The estimate comes from the table's statistics (EXPLAIN: no scan); it may be off by a factor for unusual
 * combinations of filters.
 */
export interface BoundedCount {
  count: number;
  kind: 'EXACT' | 'AT_LEAST' | 'ESTIMATED';
  estimate?: number;
}

/** The cap of every list's count: "10,000+" says enough to a person, and counting further costs a scan. */
export const COUNT_CAP = 10_000;

/** How long a count may take before the planner's estimate answers instead: a page must not wait on it. */
export const COUNT_TIMEOUT_MS = 25;

export interface CountOptions {
  /** Default COUNT_TIMEOUT_MS (the API's API_COUNT_TIMEOUT_MS). */
  countTimeoutMs?: number;
}

/** A statement and its parameters, as the repositories run it (the bench EXPLAINs the very same). */
export interface Statement {
  text: string;
  values: unknown[];
}

/** SQL for a timestamptz column's microseconds since the epoch, as text (exact: numeric, then bigint). */
export function microsOf(column: string): string {
  return `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;
}

/** The ISO 8601 text, to the microsecond, of a time given in microseconds since the epoch (PostgreSQL reads it exactly). */
export function timestampOfMicros(micros: string): string {
  const value = BigInt(micros);
  const millis = value / 1000n - (value % 1000n < 0n ? 1n : 0n);
  const rest = value - millis * 1000n;
  const iso = new Date(Number(millis)).toISOString();
  return `${iso.slice(0, -1)}${rest.toString().padStart(3, '0')}Z`;
}

/** WHERE conditions and their numbered parameters, built up together. */
export class Conditions {
  readonly list: string[] = [];
  readonly values: unknown[] = [];

  /** The placeholder of a new parameter. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  add(condition: string): this {
    this.list.push(condition);
    return this;
  }

  /**
   * Rows past the page's keyset `after`, in the order `(at, id)` is walked: `<` newest first, `>` oldest first.
   * Written as a row comparison so the index on `(at, id)` answers it.
   */
  after(after: Keyset | undefined, at: string, id: string, idType: 'uuid' | 'bigint', direction: '<' | '>'): this {
    if (!after) return this;
    const micros = this.param(timestampOfMicros(after.micros));
    return this.add(`(${at}, ${id}) ${direction} (${micros}::timestamptz, ${this.param(after.id)}::${idType})`);
  }

  get where(): string {
    return this.list.length ? `WHERE ${this.list.join(' AND ')}` : '';
  }
}

/**
 * The rows of `from` (a FROM ... WHERE ... of one table, which `conditions` holds the parameters of) counted up to
 * COUNT_CAP within the count timeout (a statement timeout in a transaction of its own), else the planner's
 * estimate (see BoundedCount).
 */
export async function boundedCount(
  manager: EntityManager,
  from: string,
  conditions: Conditions,
  { countTimeoutMs = COUNT_TIMEOUT_MS }: CountOptions = {},
): Promise<BoundedCount> {
  const { text, values } = boundedCountStatement(from, conditions);
  const counted = await manager
    .transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${Math.round(countTimeoutMs)}`);
      const [{ count }]: Array<{ count: number }> = await tx.query(text, values);
      return count;
    })
    .catch((error: unknown) => {
      // 57014: cancelled by the statement timeout.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '57014') return undefined;
      throw error;
    });
  if (counted !== undefined && counted <= COUNT_CAP) return { count: counted, kind: 'EXACT' };
  const [{ 'QUERY PLAN': plan }]: Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }> =
    await manager.query(`EXPLAIN (FORMAT JSON) SELECT 1 ${from}`, conditions.values);
  const estimate = Math.round(plan[0].Plan['Plan Rows']);
  // Never less than what was just counted.
  if (counted !== undefined) return { count: COUNT_CAP, kind: 'AT_LEAST', estimate: Math.max(COUNT_CAP + 1, estimate) };
  return { count: estimate, kind: 'ESTIMATED', estimate };
}

export function boundedCountStatement(from: string, conditions: Conditions): Statement {
  return {
    text: `SELECT count(*)::int AS count FROM (SELECT 1 ${from} LIMIT ${COUNT_CAP + 1}) capped`,
    values: conditions.values,
  };
}

/** The page of `limit` rows out of `rows` (read with one more, to know whether another page follows). */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Keyset): PageOf<T> {
  if (rows.length <= limit) return { rows };
  const page = rows.slice(0, limit);
  return { rows: page, next: keyOf(page[page.length - 1]) };
}
