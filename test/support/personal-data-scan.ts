import type { DataSource } from 'typeorm';

/** Where a value was found in clear: table, column and the value sought. */
export interface Found {
  table: string;
  column: string;
  value: string;
}

/**
 * Every text, JSON and bytea column of every table of the product's schema (`public`; the sandboxes' tables, the
 * partners' data and not ours, have a schema of their own, `sandbox`) searched for each value in clear: as text,
 * inside JSON, and as UTF-8 bytes inside binary columns. A short all-digit value (a building number) is sought as a
 * token of its own, as a number inside a key, a hex string or a UUID is chance, not the citizen.
 */
export async function findInProductTables(db: DataSource, values: string[]): Promise<Found[]> {
  const sought = [...new Set(values)].filter((value) => value.length >= 4);
  const columns = await productTextColumns(db);
  expectSomeColumns(columns.length);
  const found: Found[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    // Bytes: the value's UTF-8 bytes anywhere; a short number among readable characters around it. The escape
    // encoding spells an unreadable byte as a backslash and three octal digits, and ciphertext's `\276` before a
    // `5` would read as "2765": each such escape (and an escaped backslash) becomes a separator first.
    const text =
      type === 'bytea'
        ? `regexp_replace(encode("${column}", 'escape'), '\\\\(\\\\|[0-7]{3})', ' ', 'g')`
        : `"${column}"::text`;
    const contains =
      type === 'bytea' ? `position(convert_to(v, 'UTF8') in "${column}") > 0` : `position(v in ${text}) > 0`;
    const rows: Array<{ value: string }> = await db.query(
      `SELECT v AS value FROM unnest($1::text[]) v
        WHERE EXISTS (SELECT 1 FROM public."${table}" WHERE CASE WHEN v ~ '^[0-9]{1,7}$'
                THEN ${text} ~ ('(^|[^0-9A-Za-z-])' || v || '($|[^0-9A-Za-z-])')
                ELSE ${contains} END)`,
      [sought],
    );
    for (const { value } of rows) found.push({ table, column, value });
  }
  return found;
}

function expectSomeColumns(count: number): void {
  // A query that found no column to search would find nothing anywhere, and prove nothing.
  if (count < 20) throw new Error(`only ${count} text, JSON or bytea columns found in the product's tables`);
}

/** The text, JSON and bytea columns of the product's tables: what `findInProductTables` searches. */
export function productTextColumns(
  db: DataSource,
): Promise<Array<{ table_name: string; column_name: string; data_type: string }>> {
  return db.query(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character', 'character varying', 'json', 'jsonb', 'bytea', 'ARRAY')
      ORDER BY 1, 2`,
  );
}
