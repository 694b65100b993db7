import { And, type EntityManager, type FindOperator, LessThan, MoreThanOrEqual } from 'typeorm';
import { DecodeLogEntry } from '../entities/decode-log-entry.entity';

export type DecodeRecord = Pick<
  DecodeLogEntry,
  'actor' | 'namespace' | 'payloads' | 'clientIp' | 'userAgent' | 'origin'
>;

/** Which decodes to list; every filter is optional and they combine with AND. */
export interface DecodeLogFilter {
  actor?: string;
  since?: Date;
  until?: Date;
  /** Keyset paging: only entries older than this id (the previous page's `next`). */
  before?: string;
}

/** The codec endpoint's append-only access log (the database refuses updates and deletes). */
export class DecodeLogRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Appends one decode and answers how many payloads the same actor decoded in the `windowMs` before it,
   * this one included: the burst check's figure, summed by the database over every API replica's entries.
   */
  async append(record: DecodeRecord, windowMs: number): Promise<{ entry: DecodeLogEntry; payloadsInWindow: number }> {
    const entry = await this.manager.save(DecodeLogEntry, this.manager.create(DecodeLogEntry, record));
    const [{ total }]: { total: string }[] = await this.manager.query(
      `SELECT coalesce(sum(payloads), 0) AS total FROM decode_log
        WHERE actor = $1 AND decoded_at > $2::timestamptz - make_interval(secs => $3::double precision / 1000)
          AND id <= $4`,
      [record.actor, entry.decodedAt, windowMs, entry.id],
    );
    return { entry, payloadsInWindow: Number(total) };
  }

  /** Newest first, `limit` at most, with the id to continue from when there are more. */
  async list(filter: DecodeLogFilter, limit: number): Promise<{ entries: DecodeLogEntry[]; next?: string }> {
    const bounds: FindOperator<Date>[] = [];
    if (filter.since) bounds.push(MoreThanOrEqual(filter.since));
    if (filter.until) bounds.push(LessThan(filter.until));
    const entries = await this.manager.find(DecodeLogEntry, {
      where: {
        actor: filter.actor,
        decodedAt: bounds.length ? And(...bounds) : undefined,
        id: filter.before ? LessThan(filter.before) : undefined,
      },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const more = entries.length > limit;
    const page = entries.slice(0, limit);
    return { entries: page, next: more ? page.at(-1)!.id : undefined };
  }
}
