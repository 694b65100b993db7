import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CivilRegistry } from '../../integrations/civil-registry/port';
import type { Wasel } from '../../integrations/wasel/port';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import { InjectCivilRegistry, InjectWasel } from '../integrations/integrations.tokens';
import { ApiAudit } from '../shared/api-audit.service';
import { EnvelopeView } from './dto/envelope.view';

/** A shipment in these statuses is over: the courier has no business knowing the recipient any more. */
const CLOSED_STATUSES = new Set(['DELIVERED', 'RETURNED', 'LOST', 'RECALLED']);

interface ShipmentRow {
  renewal_id: string;
  tracking_number: string;
  status: string;
  closed_at: Date | null;
  national_id: string;
}

/**
 * The envelope barcode carries no personal data; scanning it, the carrier
 * learns who and where, only while the envelope is in its hands. Every
 * look-up is audited.
 */
@Injectable()
export class CarrierService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectCivilRegistry() private readonly registry: CivilRegistry,
    @InjectWasel() private readonly wasel: Wasel,
    private readonly audit: ApiAudit,
  ) {}

  async envelope(principal: Principal, barcode: string): Promise<EnvelopeView> {
    const [shipment] = (await this.db.query(
      `SELECT s.renewal_id, s.tracking_number, s.status, s.closed_at, r.national_id
         FROM shipments s JOIN renewals r ON r.renewal_id = s.renewal_id
        WHERE s.envelope_barcode = $1`,
      [barcode],
    )) as ShipmentRow[];
    if (!shipment) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'envelope-not-found', 'Unknown envelope', 'No such envelope');
    }
    const record = (outcome: string) =>
      this.audit.record({
        actor: principal.actor,
        renewalId: shipment.renewal_id,
        action: 'carrier.envelope.lookup',
        outcome,
        details: { trackingNumber: shipment.tracking_number },
      });
    if (shipment.closed_at || CLOSED_STATUSES.has(shipment.status)) {
      await record('REFUSED_CLOSED');
      throw new ProblemException(
        HttpStatus.GONE,
        'envelope-closed',
        'Envelope no longer in transit',
        `The shipment is ${shipment.status}`,
      );
    }
    const [profile, address] = await Promise.all([
      this.registry.lookUpProfile(shipment.national_id),
      this.wasel.lookUpAddress(shipment.national_id),
    ]);
    if (!profile || address.status !== 'FOUND') {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'recipient-unavailable',
        'Recipient data unavailable',
        'The registry or Wasel no longer holds the recipient; return the envelope to the office',
      );
    }
    await record('DISCLOSED');
    return {
      envelopeBarcode: barcode,
      trackingNumber: shipment.tracking_number,
      recipient: { nameAr: profile.nameAr, nameEn: profile.nameEn, mobile: profile.mobile },
      deliveryAddress: { ...address.address },
    };
  }
}
