import type { EntityManager } from 'typeorm';

/** One request counted: the key's count in the current window, and how long the window has left. */
export interface Hit {
  hits: number;
  msLeft: number;
}

/**
 * Rate-limit counters shared by every API replica: fixed windows of `windowMs`, aligned on the database's clock
 * (so replicas whose clocks differ still count into the same window), one row per key and window.
 */
export class RateLimitHitsRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Counts one request against `key` in the window now running, atomically: concurrent hits each add one. */
  async hit(key: string, windowMs: number): Promise<Hit> {
    const [row] = await this.manager.query(
      `INSERT INTO rate_limit_hits AS h (key, window_ends_at, hits)
       VALUES ($1, to_timestamp(((floor(extract(epoch FROM now()) * 1000 / $2) + 1) * $2 / 1000)::double precision), 1)
       ON CONFLICT (key, window_ends_at) DO UPDATE SET hits = h.hits + 1
       RETURNING hits, extract(epoch FROM window_ends_at - now()) * 1000 AS ms_left`,
      [key, windowMs],
    );
    return { hits: Number(row.hits), msLeft: Number(row.ms_left) };
  }

  /** Deletes up to `limit` rows of windows that have ended; returns how many. */
  async purgeEnded(limit: number): Promise<number> {
    const [, deleted] = await this.manager.query(
      `DELETE FROM rate_limit_hits WHERE (key, window_ends_at) IN (
         SELECT key, window_ends_at FROM rate_limit_hits
          WHERE window_ends_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED)`,
      [limit],
    );
    return deleted;
  }
}
