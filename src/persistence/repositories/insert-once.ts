import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/**
 * Inserts the row unless one with the same unique key is there already (a
 * retried activity, a replayed message): `ON CONFLICT DO NOTHING`, which names
 * no conflict target, so only tables with a single unique key use it. Answers
 * whether this call inserted the row.
 */
export async function insertOnce<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  values: QueryDeepPartialEntity<T>,
): Promise<boolean> {
  const { raw } = await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(values)
    .orIgnore()
    .returning('1')
    .updateEntity(false)
    .execute();
  return (raw as unknown[]).length > 0;
}
