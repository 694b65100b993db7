import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One line of the append-only audit trail (a trigger refuses updates and
 * deletes). `eventKey` is unique, so writing the same event twice (an activity
 * retried after a crash) leaves one row.
 */
@Entity('audit_events')
@Unique('audit_events_event_key_key', ['eventKey'])
@Index('audit_events_renewal_idx', ['renewalId', 'occurredAt'])
// Operator alerts (and other actions) across renewals, newest first.
@Index('audit_events_action_idx', ['action', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'event_key', type: 'text' })
  eventKey: string;

  /** Null for the few actions about no renewal (a clerk's look-up that found none). */
  @Column({ name: 'renewal_id', type: 'uuid', nullable: true })
  renewalId: string | null;

  /** `workflow`, or `<role>:<subject>` of the person or system that acted. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  outcome: string;

  /** Structured detail; never names, addresses or phone numbers. */
  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
