import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An idempotent request is either running (its row is a lease) or has its response stored. */
export const IDEMPOTENCY_STATES = ['IN_PROGRESS', 'COMPLETED'] as const;

export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];

/**
 * One row per (caller, Idempotency-Key). `scope` is the caller's audit actor,
 * which for a citizen is a pseudonym, so no national ID is stored here; the
 * response is stored encrypted (it may hold personal data: the review a
 * renewal's creation answers with, a new passport's number).
 */
@Entity('idempotency_keys')
// Housekeeping purges by age.
@Index('idempotency_keys_created_idx', ['createdAt'])
@Check('idempotency_keys_state_check', `state IN (${IDEMPOTENCY_STATES.map((s) => `'${s}'`).join(', ')})`)
export class IdempotencyKeyRecord {
  @PrimaryColumn({ type: 'text' })
  scope: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** Hash of method, path and body: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  state: IdempotencyState;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  /** The response body as JSON, AES-256-GCM under the personal-data key `responseKey`. */
  @Column({ name: 'response_enc', type: 'bytea', nullable: true })
  responseEnc: Buffer | null;

  @Index('idempotency_keys_response_key_idx')
  @Column({ name: 'response_key', type: 'text', nullable: true })
  responseKey: string | null;

  /** While IN_PROGRESS: past this, another attempt may take the key over (the first one's process died). */
  @Column({ name: 'locked_until', type: 'timestamptz' })
  lockedUntil: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
