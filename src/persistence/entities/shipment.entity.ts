import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { SHIPMENT_CLOSURES } from '../../../workflows/contract';

/**
 * A shipment is REQUESTED before we ask the carrier (so its events can be placed
 * even if the answer is lost), CREATED once the carrier gave its tracking
 * number, and ends in one of the workflow's closures.
 */
export const SHIPMENT_STATUSES = ['REQUESTED', 'CREATED', ...SHIPMENT_CLOSURES] as const;

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/**
 * A dedicated envelope handed to Saudi Post. It routes the carrier's webhooks
 * (by the shipment key the carrier echoes, or the tracking number) and answers the courier's envelope look-up (by barcode)
 * while it is open.
 */
@Entity('shipments')
@Unique('shipments_envelope_barcode_key', ['envelopeBarcode'])
@Unique('shipments_tracking_number_key', ['trackingNumber'])
@Index('shipments_renewal_idx', ['renewalId'])
export class ShipmentRecord {
  /** The workflow's deterministic key (see `shipmentKey`): one row per (renewal, issue). */
  @PrimaryColumn({ name: 'shipment_key', type: 'text' })
  shipmentKey: string;

  @Column({ name: 'renewal_id', type: 'uuid' })
  renewalId: string;

  @Column({ name: 'issue_number', type: 'integer' })
  issueNumber: number;

  @Column({ name: 'envelope_barcode', type: 'text' })
  envelopeBarcode: string;

  /** Null until the carrier has answered the shipment request. */
  @Column({ name: 'tracking_number', type: 'text', nullable: true })
  trackingNumber: string | null;

  @Column({ type: 'text' })
  status: ShipmentStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set once, by the first closure. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
