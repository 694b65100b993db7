import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { SHIPMENT_CLOSURES } from '../../../workflows/contract';

/** A shipment is CREATED when dispatched and ends in one of the workflow's closures. */
export const SHIPMENT_STATUSES = ['CREATED', ...SHIPMENT_CLOSURES] as const;

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/**
 * A dedicated envelope handed to Saudi Post. It routes the carrier's webhooks
 * (by tracking number) and answers the courier's envelope look-up (by barcode)
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

  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber: string;

  @Column({ type: 'text' })
  status: ShipmentStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set once, by the first closure. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
