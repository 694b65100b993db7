import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';

/** A SADAD bill's states, as SADAD reports them; our row mirrors the last one we heard of. */
export const BILL_STATUSES = ['UNPAID', 'PAID', 'EXPIRED', 'CANCELLED', 'REFUNDED'] as const;

export type BillStatus = (typeof BILL_STATUSES)[number];

/** Our mirror of a renewal's SADAD bill, so the payment webhook can be routed and audited. */
@Entity('bills')
@Unique('bills_bill_number_key', ['billNumber'])
@Index('bills_renewal_idx', ['renewalId'])
export class BillRecord {
  /** The workflow's deterministic key (see `billKey`): issuing the same bill twice keeps one row. */
  @PrimaryColumn({ name: 'bill_key', type: 'text' })
  billKey: string;

  @Column({ name: 'renewal_id', type: 'uuid' })
  renewalId: string;

  @Column({ name: 'bill_number', type: 'text' })
  billNumber: string;

  @Column({ name: 'amount_sar', type: 'integer' })
  amountSar: number;

  @Column({ type: 'text' })
  status: BillStatus;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
