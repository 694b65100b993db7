import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { enqueueWebhook } from '../runner/webhook-outbox';
import { isoTimestamp, queryRow, queryRows } from '../sql';
import type { TrackingEvent } from '../../../src/integrations/saudi-post/port';
import type { PlannedEvent } from './carrier-plan';

interface DueShipment {
  tracking_number: string;
  shipment_key: string;
  envelope_barcode: string;
  plan: PlannedEvent[];
  plan_position: number;
  webhook_base_url: string;
}

/**
 * Runner step: each shipment whose next event is due takes it from its plan,
 * records it, and reports it to us by a signed `saudi-post` webhook with a
 * fresh event id, in one transaction. The last event of the plan ends it.
 */
export async function advanceShipments(db: DataSource, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await queryRows<DueShipment>(
      tx,
      `SELECT tracking_number, shipment_key, envelope_barcode, plan, plan_position, webhook_base_url FROM sandbox.shipments
        WHERE next_event_at <= now()
        ORDER BY next_event_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batchSize],
    );
    for (const shipment of due) {
      const event = shipment.plan[shipment.plan_position];
      const eventId = randomUUID();
      const recorded = await queryRow<{ occurred_at: Date }>(
        tx,
        `INSERT INTO sandbox.carrier_events (event_id, tracking_number, type, proof, reason)
         VALUES ($1, $2, $3, $4, $5) RETURNING occurred_at`,
        [eventId, shipment.tracking_number, event.type, event.proof ?? null, event.reason ?? null],
      );
      const last = shipment.plan_position + 1 >= shipment.plan.length;
      await tx.query(
        `UPDATE sandbox.shipments
            SET status = $2, plan_position = plan_position + 1, updated_at = now(),
                next_event_at = CASE WHEN $3 THEN NULL
                                     ELSE now() + make_interval(secs => step_ms::double precision / 1000) END
          WHERE tracking_number = $1`,
        [shipment.tracking_number, event.type, last],
      );
      await enqueueWebhook(tx, shipment.webhook_base_url, {
        id: eventId,
        partner: 'saudi-post',
        payload: {
          eventId,
          trackingNumber: shipment.tracking_number,
          // Our references, echoed as a postal customer reference is.
          shipmentKey: shipment.shipment_key,
          envelopeBarcode: shipment.envelope_barcode,
          type: event.type,
          occurredAt: isoTimestamp(recorded!.occurred_at),
          ...(event.proof ? { proof: event.proof } : {}),
          ...(event.reason ? { reason: event.reason } : {}),
        } satisfies TrackingEvent,
      });
    }
    return due.length;
  });
}
