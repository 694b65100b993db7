import type { Keyset } from '../../../persistence/repositories/paging';

/**
 * The lists' cursors: where the previous page ended, opaque to clients (base64url). Each names its list, so a
 * cursor of one list given to another is refused (422) rather than read as a position it never was. Not signed:
 * a forged cursor only moves a caller within a list they may read anyway.
 */
export const CURSOR_LISTS = {
  renewals: 'r',
  pickupQueue: 'q',
  alerts: 'a',
  auditTrail: 't',
} as const;

export type CursorList = keyof typeof CURSOR_LISTS;

/** The row ids of each list: renewals are UUIDs, alerts and audit lines bigints. */
const ID_SHAPES: Record<CursorList, RegExp> = {
  renewals: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  pickupQueue: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  alerts: /^[1-9][0-9]{0,17}$/,
  auditTrail: /^[1-9][0-9]{0,17}$/,
};

/** The times a cursor may hold, in microseconds since the epoch: 1970 to 9999, which both JavaScript and PostgreSQL read. */
const LATEST_MICROS = 253_402_300_799_999_999n;

/** What the OpenAPI document says of a cursor (a 400 when not met). */
export const CURSOR_SHAPE = /^[A-Za-z0-9_-]{1,200}$/;

export function encodeCursor(list: CursorList, keyset: Keyset): string {
  return Buffer.from(`${CURSOR_LISTS[list]}:${keyset.micros}:${keyset.id}`, 'utf8').toString('base64url');
}

/** The keyset a cursor of `list` holds, or undefined when it is not one this list gave. */
export function decodeCursor(list: CursorList, cursor: string): Keyset | undefined {
  if (!CURSOR_SHAPE.test(cursor)) return undefined;
  const match = /^([a-z]):([0-9]{1,18}):([0-9a-f-]{1,36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || match[1] !== CURSOR_LISTS[list] || !ID_SHAPES[list].test(match[3])) return undefined;
  if (BigInt(match[2]) > LATEST_MICROS) return undefined;
  return { micros: match[2], id: match[3] };
}

/** The next page's cursor, or null at the end of the list. */
export function nextCursor(list: CursorList, next: Keyset | undefined): string | null {
  return next ? encodeCursor(list, next) : null;
}
