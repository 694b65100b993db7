import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An operator alert and whether someone has looked at it. The alert itself is a line of the audit trail
 * (`action = 'operator.alert'`, whatever raised it: the workflow or a partner's message); a trigger on the trail
 * writes this row with the line, under the line's id. The trail refuses updates, so the acknowledgement, the one
 * thing about an alert that changes, lives here (and is itself a line of the trail).
 */
@Entity('operator_alerts')
// The alerts list, newest first: all, by kind, by renewal, and those no one has acknowledged yet.
@Index('operator_alerts_raised_idx', ['raisedAt', 'alertId'])
@Index('operator_alerts_kind_idx', ['kind', 'raisedAt', 'alertId'])
@Index('operator_alerts_renewal_idx', ['renewalId', 'raisedAt', 'alertId'])
@Index('operator_alerts_open_idx', ['raisedAt', 'alertId', 'kind'], { where: 'acknowledged_at IS NULL' })
export class OperatorAlertRecord {
  /** The id of the alert's line in `audit_events`. A bigint, which the driver reads as a string. */
  @PrimaryColumn({ name: 'alert_id', type: 'bigint' })
  alertId: string;

  @Column({ name: 'renewal_id', type: 'uuid', nullable: true })
  renewalId: string | null;

  /** e.g. PAYMENT_AMOUNT_MISMATCH, DELIVERY_SLA_BREACHED: the line's outcome. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  /** `operator:<subject>` of who acknowledged it. */
  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy: string | null;

  /** What the operator noted for colleagues (free text; never personal data). */
  @Column({ name: 'acknowledgement_note', type: 'text', nullable: true })
  acknowledgementNote: string | null;
}
