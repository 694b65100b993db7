import type { DataSource } from 'typeorm';
import { SHIPMENT_CLOSURES } from '../../../workflows/contract';
import { postalCodeProblem } from '../../../src/domain/postal-code';
import { invalidRequest, permanentFailure } from '../../../src/integrations/errors';
import type { FaultInjector } from '../faults';
import type { Random } from '../random';
import { queryRow, type Queryable } from '../sql';
import { planCarrierEvents, type CarrierBehaviour } from './carrier-plan';
import type {
  LossClaim,
  LossClaimDispute,
  LossClaimRequest,
  SaudiPost,
  Shipment,
  ShipmentRequest,
  ShipmentStatus,
} from '../../../src/integrations/saudi-post/port';
import { trackingNumber } from './tracking-number';

export interface SaudiPostBehaviour extends CarrierBehaviour {
  /** Time between two carrier events of a shipment. */
  stepDelayMs: number;
  webhookBaseUrl: string;
}

interface ShipmentRow {
  shipment_key: string;
  tracking_number: string;
  envelope_barcode: string;
  status: ShipmentStatus;
}

interface ClaimRow {
  claim_id: string;
  tracking_number: string;
  liability_sar: string;
  status: LossClaim['status'];
}

/** States after which the carrier has nothing more to do with the envelope: the renewal's shipment closures. */
const FINAL_SHIPMENT_STATES: readonly ShipmentStatus[] = SHIPMENT_CLOSURES;

/**
 * Saudi Post on its own tables (`sandbox.shipments`, `sandbox.carrier_events`,
 * `sandbox.loss_claims`). A new shipment gets an S10 tracking number and a plan
 * of carrier events drawn from the configured probabilities; the runner plays
 * the plan out (`advanceShipments`), one signed webhook per event.
 */
export class SandboxSaudiPost implements SaudiPost {
  constructor(
    private readonly db: DataSource,
    private readonly faults: FaultInjector,
    private readonly fates: Random,
    private readonly behaviour: SaudiPostBehaviour,
  ) {}

  createShipment(request: ShipmentRequest): Promise<Shipment> {
    return this.faults.call('createShipment', async () => {
      validate(request);
      const existing = await this.shipmentBy(this.db, 'shipment_key', request.shipmentKey);
      if (existing) return toShipment(existing);
      const serial = await queryRow<{ serial: string }>(
        this.db,
        `SELECT nextval('sandbox.tracking_number_seq') AS serial`,
      );
      // Any unique conflict does nothing: a concurrent twin of this request, or a barcode already used.
      await this.db.query(
        `INSERT INTO sandbox.shipments (tracking_number, shipment_key, envelope_barcode, origin_office_id,
                                        destination_postal_code, plan, step_ms, next_event_at, webhook_base_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7::int, now() + make_interval(secs => $7::int / 1000.0), $8)
         ON CONFLICT DO NOTHING`,
        [
          trackingNumber(Number(serial!.serial)),
          request.shipmentKey,
          request.envelopeBarcode,
          request.originOfficeId,
          request.destinationPostalCode,
          JSON.stringify(planCarrierEvents(this.behaviour, this.fates)),
          this.behaviour.stepDelayMs,
          this.behaviour.webhookBaseUrl,
        ],
      );
      const created = await this.shipmentBy(this.db, 'shipment_key', request.shipmentKey);
      if (!created) {
        throw permanentFailure('DuplicateEnvelopeBarcode', 'envelope barcode is already on another shipment', {
          field: 'envelopeBarcode',
        });
      }
      return toShipment(created);
    });
  }

  getShipment(trackingNumber: string): Promise<Shipment | undefined> {
    return this.faults.call('getShipment', async () => {
      const row = await this.shipmentBy(this.db, 'tracking_number', trackingNumber);
      return row && toShipment(row);
    });
  }

  /** The envelope comes back to the origin office: no more carrier events. Finished shipments stay as they are. */
  recallShipment(trackingNumber: string): Promise<void> {
    return this.faults.call('recallShipment', async () => {
      await this.db.query(
        `UPDATE sandbox.shipments SET status = 'RECALLED', next_event_at = NULL, updated_at = now()
          WHERE tracking_number = $1 AND NOT (status = ANY($2::text[]))`,
        [trackingNumber, FINAL_SHIPMENT_STATES],
      );
      if (!(await this.shipmentBy(this.db, 'tracking_number', trackingNumber))) throw unknownTrackingNumber();
    });
  }

  /** The carrier accepts liability for an envelope it cannot deliver; a shipment still moving is written off as LOST. */
  openLossClaim(request: LossClaimRequest): Promise<LossClaim> {
    return this.faults.call('openLossClaim', async () => {
      if (!request.claimKey?.trim()) throw invalidRequest('claimKey', 'is required');
      if (!Number.isFinite(request.liabilitySar) || request.liabilitySar <= 0) {
        throw invalidRequest('liabilitySar', 'must be a positive amount');
      }
      return this.db.transaction(async (tx) => {
        const shipment = await queryRow<ShipmentRow>(
          tx,
          `SELECT status FROM sandbox.shipments WHERE tracking_number = $1 FOR UPDATE`,
          [request.trackingNumber],
        );
        if (!shipment) throw unknownTrackingNumber();
        if (shipment.status === 'DELIVERED') {
          throw permanentFailure('ShipmentDelivered', 'the carrier delivered this shipment: no loss to claim');
        }
        await tx.query(
          `UPDATE sandbox.shipments SET status = 'LOST', next_event_at = NULL, updated_at = now()
            WHERE tracking_number = $1 AND NOT (status = ANY($2::text[]))`,
          [request.trackingNumber, FINAL_SHIPMENT_STATES],
        );
        await tx.query(
          `INSERT INTO sandbox.loss_claims (claim_id, claim_key, tracking_number, liability_sar)
           VALUES ('LC' || lpad(nextval('sandbox.loss_claim_seq')::text, 8, '0'), $1, $2, $3)
           ON CONFLICT (claim_key) DO NOTHING`,
          [request.claimKey, request.trackingNumber, request.liabilitySar],
        );
        return toLossClaim((await this.claimBy(tx, request.claimKey))!);
      });
    });
  }

  /** The claim goes on hold for review: the carrier's own event says it delivered the envelope after all. */
  disputeLossClaim(dispute: LossClaimDispute): Promise<LossClaim> {
    return this.faults.call('disputeLossClaim', async () => {
      if (!dispute.reason?.trim()) throw invalidRequest('reason', 'is required');
      if (!dispute.carrierEventId?.trim()) throw invalidRequest('carrierEventId', 'is required');
      await this.db.query(
        `UPDATE sandbox.loss_claims SET status = 'DISPUTED' WHERE claim_key = $1 AND status IN ('OPEN', 'ACCEPTED')`,
        [dispute.claimKey],
      );
      const claim = await this.claimBy(this.db, dispute.claimKey);
      if (!claim) {
        throw permanentFailure('LossClaimNotFound', 'Saudi Post has no loss claim with this key', {
          field: 'claimKey',
        });
      }
      return toLossClaim(claim);
    });
  }

  private claimBy(db: Queryable, claimKey: string) {
    return queryRow<ClaimRow>(
      db,
      `SELECT claim_id, tracking_number, liability_sar, status FROM sandbox.loss_claims WHERE claim_key = $1`,
      [claimKey],
    );
  }

  private shipmentBy(db: Queryable, column: 'shipment_key' | 'tracking_number', value: string) {
    return queryRow<ShipmentRow>(
      db,
      `SELECT shipment_key, tracking_number, envelope_barcode, status FROM sandbox.shipments WHERE ${column} = $1`,
      [value],
    );
  }
}

function unknownTrackingNumber() {
  return permanentFailure('UnknownTrackingNumber', 'Saudi Post has no shipment with this tracking number', {
    field: 'trackingNumber',
  });
}

function validate(request: ShipmentRequest): void {
  if (!request.shipmentKey?.trim()) throw invalidRequest('shipmentKey', 'is required');
  if (!/^[A-Z0-9]{6,64}$/.test(request.envelopeBarcode ?? '')) {
    throw invalidRequest('envelopeBarcode', 'must be 6 to 64 uppercase letters or digits');
  }
  if (!request.originOfficeId?.trim()) throw invalidRequest('originOfficeId', 'is required');
  const problem = postalCodeProblem(request.destinationPostalCode ?? '');
  if (problem) throw invalidRequest('destinationPostalCode', problem);
}

function toLossClaim(row: ClaimRow): LossClaim {
  return {
    claimId: row.claim_id,
    trackingNumber: row.tracking_number,
    liabilitySar: Number(row.liability_sar),
    status: row.status,
  };
}

function toShipment(row: ShipmentRow): Shipment {
  return {
    shipmentKey: row.shipment_key,
    trackingNumber: row.tracking_number,
    envelopeBarcode: row.envelope_barcode,
    status: row.status,
  };
}
