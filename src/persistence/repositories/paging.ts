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
 * How many rows match, counted no further than a cap: exact up to it; above it, `capped` and the planner's
 * estimate (from the table's statistics, so it costs no scan and may be off by a factor for unusual
 * combinations of filters).
 */
export interface BoundedCount {
  count: number;
  capped: boolean;
  estimate?: number;
}

/** The cap of every list's count: "10,000+" says enough to a person, and counting further costs a scan. */
export const COUNT_CAP = 10_000;

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

  get where(): string {
    return this.list.length ? `WHERE ${this.list.join(' AND ')}` : '';
  }
}

/**
 * The rows of `from` (a FROM ... WHERE ... of one table, which `conditions` holds the parameters of) counted up to
 * COUNT_CAP, and the planner's estimate beyond it.
 */
export async function boundedCount(
  manager: EntityManager,
  from: string,
  conditions: Conditions,
): Promise<BoundedCount> {
  const { text, values } = boundedCountStatement(from, conditions);
  const [{ count }]: Array<{ count: number }> = await manager.query(text, values);
  if (count <= COUNT_CAP) return { count, capped: false };
  const [{ 'QUERY PLAN': plan }]: Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }> =
    await manager.query(`EXPLAIN (FORMAT JSON) SELECT 1 ${from}`, conditions.values);
  // Never less than what was just counted.
  return { count: COUNT_CAP, capped: true, estimate: Math.max(COUNT_CAP + 1, Math.round(plan[0].Plan['Plan Rows'])) };
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
