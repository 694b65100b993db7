import { type EntityManager, In, IsNull, Not } from 'typeorm';
import { SHIPMENT_CLOSURES, type ShipmentClosure } from '../../../workflows/contract';
import { RenewalRecord } from '../entities/renewal.entity';
import { ShipmentRecord } from '../entities/shipment.entity';
import type { PersonalDataProtection } from '../personal-data';
import { openNationalId } from './renewals.repository';

export interface RequestedShipmentRow {
  shipmentKey: string;
  renewalId: string;
  issueNumber: number;
  envelopeBarcode: string;
}

export interface DispatchedShipmentRow extends RequestedShipmentRow {
  trackingNumber: string;
}

/** What a carrier event names: our references when the carrier echoes them, and its tracking number. */
export interface CarrierEventReference {
  shipmentKey?: string;
  envelopeBarcode?: string;
  trackingNumber: string;
}

/** A shipment found by its envelope, with the national ID of the renewal's citizen (for the courier's look-up). */
export interface EnvelopeShipment {
  shipment: ShipmentRecord;
  /** Undefined once the renewal's personal data are erased. */
  nationalId: string | undefined;
}

/** Whether the envelope is still the carrier's to deliver. */
export function isOpen(shipment: Pick<ShipmentRecord, 'status' | 'closedAt'>): boolean {
  return !shipment.closedAt && !(SHIPMENT_CLOSURES as readonly string[]).includes(shipment.status);
}

/** The envelopes handed to Saudi Post: they route the carrier's webhooks and answer the courier's look-up. */
export class ShipmentsRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly personalData: PersonalDataProtection,
  ) {}

  /**
   * Written before the carrier is asked, so that its events can be placed by
   * our shipment key even when its answer never reaches us (a retried
   * activity). Recording it again changes nothing.
   */
  async recordRequested(shipment: RequestedShipmentRow): Promise<void> {
    await this.manager.query(
      `INSERT INTO shipments (shipment_key, renewal_id, issue_number, envelope_barcode, status)
       VALUES ($1, $2, $3, $4, 'REQUESTED') ON CONFLICT (shipment_key) DO NOTHING`,
      [shipment.shipmentKey, shipment.renewalId, shipment.issueNumber, shipment.envelopeBarcode],
    );
  }

  /**
   * The carrier's tracking number for a requested shipment. A retry that
   * learns it again changes nothing; a different number for the same
   * shipment is an error (the carrier broke its idempotency), not overwritten.
   */
  async recordTrackingNumber(shipmentKey: string, trackingNumber: string): Promise<void> {
    const [, updated] = await this.manager.query(
      `UPDATE shipments SET tracking_number = $2, status = CASE WHEN status = 'REQUESTED' THEN 'CREATED' ELSE status END
        WHERE shipment_key = $1 AND (tracking_number IS NULL OR tracking_number = $2)`,
      [shipmentKey, trackingNumber],
    );
    if (updated === 0) throw new Error(`shipment ${shipmentKey} has no request, or another tracking number`);
  }

  /**
   * Recording the same shipment again (a retried activity) changes nothing. The
   * conflict is on the shipment key only: a tracking number or barcode already
   * used by another shipment is an error, not something to skip silently, and
   * TypeORM's `orIgnore` cannot name the conflict target.
   */
  async recordDispatched(shipment: DispatchedShipmentRow): Promise<void> {
    await this.manager.query(
      `INSERT INTO shipments (shipment_key, renewal_id, issue_number, envelope_barcode, tracking_number, status)
       VALUES ($1, $2, $3, $4, $5, 'CREATED') ON CONFLICT (shipment_key) DO NOTHING`,
      [
        shipment.shipmentKey,
        shipment.renewalId,
        shipment.issueNumber,
        shipment.envelopeBarcode,
        shipment.trackingNumber,
      ],
    );
  }

  /** Ends the shipment on our side; the first closure's time is kept. */
  async close(shipmentKey: string, status: ShipmentClosure): Promise<void> {
    await this.manager.update(
      ShipmentRecord,
      { shipmentKey },
      { status, closedAt: () => 'COALESCE(closed_at, now())' },
    );
  }

  /** The renewal a carrier event is about. */
  async renewalOfTrackingNumber(trackingNumber: string): Promise<string | undefined> {
    return (await this.ofCarrierEvent({ trackingNumber }))?.renewalId;
  }

  /**
   * The shipment a carrier event is about: by the shipment key or barcode the
   * carrier echoes (known before the carrier answered us), else by its
   * tracking number. Our references win over the tracking number.
   */
  async ofCarrierEvent(reference: CarrierEventReference): Promise<ShipmentRecord | undefined> {
    const rows = await this.manager.find(ShipmentRecord, {
      where: [
        ...(reference.shipmentKey ? [{ shipmentKey: reference.shipmentKey }] : []),
        ...(reference.envelopeBarcode ? [{ envelopeBarcode: reference.envelopeBarcode }] : []),
        { trackingNumber: reference.trackingNumber },
      ],
    });
    const rank = (row: ShipmentRecord) =>
      row.shipmentKey === reference.shipmentKey ? 0 : row.envelopeBarcode === reference.envelopeBarcode ? 1 : 2;
    return rows.sort((a, b) => rank(a) - rank(b))[0];
  }

  /** The renewal's latest envelope still with the carrier, if any. */
  openShipmentOf(renewalId: string): Promise<ShipmentRecord | null> {
    return this.manager.findOne(ShipmentRecord, {
      where: { renewalId, closedAt: IsNull(), status: Not(In([...SHIPMENT_CLOSURES])) },
      order: { issueNumber: 'DESC' },
    });
  }

  /** The shipment of an envelope barcode, whatever its status, and whose it is. */
  async byEnvelopeBarcode(envelopeBarcode: string): Promise<EnvelopeShipment | undefined> {
    const { entities, raw } = await this.manager
      .createQueryBuilder(ShipmentRecord, 's')
      .innerJoin(RenewalRecord, 'r', 'r.renewalId = s.renewalId')
      .addSelect('r.nationalIdEnc', 'national_id_enc')
      .addSelect('r.nationalIdKey', 'national_id_key')
      .where('s.envelopeBarcode = :envelopeBarcode', { envelopeBarcode })
      .getRawAndEntities<{ national_id_enc: Buffer | null; national_id_key: string | null }>();
    const [shipment] = entities;
    if (!shipment) return undefined;
    const nationalId = openNationalId(this.personalData, {
      renewalId: shipment.renewalId,
      nationalIdEnc: raw[0].national_id_enc,
      nationalIdKey: raw[0].national_id_key,
    });
    return { shipment, nationalId };
  }
}
