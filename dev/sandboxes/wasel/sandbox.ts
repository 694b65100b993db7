import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { parseNationalAddress } from '../../../src/domain/national-address';
import { invalidRequest } from '../../../src/integrations/errors';
import { personIdProblem } from '../../../src/integrations/identity';
import type { FaultInjector } from '../faults';
import { enqueueWebhook } from '../runner/webhook-outbox';
import { isoTimestamp, queryRow } from '../sql';
import { toNationalAddressRecord } from '../../../src/integrations/wasel/address';
import type { AddressLookup, NationalAddressRecord, Wasel } from '../../../src/integrations/wasel/port';

interface SubscriptionRow {
  building_number: string;
  street: string;
  district: string;
  city: string;
  postal_code: string;
  additional_number: string;
  unit_number: string | null;
  short_address: string | null;
  subscribed_at: Date;
}

export interface WaselSubscription {
  subscribedAt: string;
  /** False when the citizen was already subscribed: nothing changed and no webhook was sent. */
  created: boolean;
}

/**
 * Wasel on its own table, `sandbox.wasel_subscriptions`: a row is a citizen's
 * subscription with the national address they registered. `subscribe` is what
 * the citizen does on the Saudi Post site later; it sends the `wasel` webhook.
 */
export class SandboxWasel implements Wasel {
  constructor(
    private readonly db: DataSource,
    private readonly faults: FaultInjector,
    private readonly webhookBaseUrl: string,
  ) {}

  lookUpAddress(nationalId: string): Promise<AddressLookup> {
    return this.faults.call('lookUpAddress', async () => {
      const row = await queryRow<SubscriptionRow>(
        this.db,
        `SELECT * FROM sandbox.wasel_subscriptions WHERE national_id = $1`,
        [nationalId],
      );
      if (!row) return { status: 'NOT_SUBSCRIBED' };
      return {
        status: 'FOUND',
        address: toNationalAddressRecord({
          buildingNumber: row.building_number,
          street: row.street,
          district: row.district,
          city: row.city,
          postalCode: row.postal_code,
          additionalNumber: row.additional_number,
          unitNumber: row.unit_number ?? undefined,
          shortAddress: row.short_address ?? undefined,
        }),
      };
    });
  }

  /** The citizen subscribes with their national address (sandbox control, not part of the port). */
  async subscribe(nationalId: string, address: NationalAddressRecord): Promise<WaselSubscription> {
    const idProblem = personIdProblem(nationalId);
    if (idProblem) throw invalidRequest('nationalId', idProblem);
    const valid = parseNationalAddress(address);
    return this.db.transaction(async (tx) => {
      const created = await queryRow<{ subscribed_at: Date }>(
        tx,
        `INSERT INTO sandbox.wasel_subscriptions (national_id, building_number, street, district, city, postal_code,
                                                  additional_number, unit_number, short_address)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (national_id) DO NOTHING RETURNING subscribed_at`,
        [
          nationalId,
          valid.buildingNumber,
          valid.street,
          valid.district,
          valid.city,
          valid.postalCode,
          valid.additionalNumber,
          valid.unitNumber ?? null,
          valid.shortAddress ?? null,
        ],
      );
      if (!created) {
        const existing = await queryRow<{ subscribed_at: Date }>(
          tx,
          `SELECT subscribed_at FROM sandbox.wasel_subscriptions WHERE national_id = $1`,
          [nationalId],
        );
        return { subscribedAt: isoTimestamp(existing!.subscribed_at), created: false };
      }
      const eventId = randomUUID();
      const subscribedAt = isoTimestamp(created.subscribed_at);
      await enqueueWebhook(tx, this.webhookBaseUrl, {
        id: eventId,
        partner: 'wasel',
        payload: { eventId, nationalId, subscribedAt },
      });
      return { subscribedAt, created: true };
    });
  }
}
