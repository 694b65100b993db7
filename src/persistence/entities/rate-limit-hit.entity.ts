import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Requests counted against one caller's key in one window of a rate limit (an unlogged table: see its migration). */
@Entity('rate_limit_hits')
// Ended windows are deleted by their end.
@Index('rate_limit_hits_window_idx', ['windowEndsAt'])
export class RateLimitHitRecord {
  /** `<class>:<tracker>`: e.g. `citizen:citizen:<pseudonym>`, `webhook:sadad`, `public:ip:<keyed hash>`. */
  @PrimaryColumn({ type: 'text' })
  key: string;

  @PrimaryColumn({ name: 'window_ends_at', type: 'timestamptz' })
  windowEndsAt: Date;

  @Column({ type: 'integer' })
  hits: number;
}
