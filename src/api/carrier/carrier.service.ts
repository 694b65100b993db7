import { HttpStatus, Injectable } from '@nestjs/common';
import type { CivilRegistry } from '../../integrations/civil-registry/port';
import type { Wasel } from '../../integrations/wasel/port';
import { SHIPMENT_CARRIER } from '../../../workflows/contract';
import { isOpen, ShipmentsRepository } from '../../persistence/repositories/shipments.repository';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../shared/problems/problem';
import { InjectCivilRegistry, InjectWasel } from '../integrations-module/integrations.tokens';
import { ApiAudit } from '../shared/audit/api-audit.service';
import { EnvelopeView } from './dto/envelope.view';

const envelopeNotFound = () =>
  new ProblemException(HttpStatus.NOT_FOUND, 'envelope-not-found', 'Unknown envelope', 'No such envelope');

/**
 * The envelope barcode carries no personal data; scanning it, the carrier's
 * courier learns who and where, only while the envelope is in its hands, and
 * a courier of another carrier learns nothing (not even that it exists).
 * Every look-up is audited.
 */
@Injectable()
export class CarrierService {
  constructor(
    private readonly shipments: ShipmentsRepository,
    @InjectCivilRegistry() private readonly registry: CivilRegistry,
    @InjectWasel() private readonly wasel: Wasel,
    private readonly audit: ApiAudit,
  ) {}

  async envelope(principal: Principal, barcode: string): Promise<EnvelopeView> {
    const found = await this.shipments.byEnvelopeBarcode(barcode);
    if (!found) throw envelopeNotFound();
    const { shipment, nationalId } = found;
    const record = (outcome: string) =>
      this.audit.record({
        actor: principal.actor,
        renewalId: shipment.renewalId,
        action: 'carrier.envelope.lookup',
        outcome,
        details: { trackingNumber: shipment.trackingNumber },
      });
    if (principal.carrier !== SHIPMENT_CARRIER) {
      await this.audit.record({
        actor: principal.actor,
        renewalId: shipment.renewalId,
        action: 'carrier.envelope.lookup',
        outcome: 'DENIED',
        details: { reason: 'OTHER_CARRIER' },
      });
      throw envelopeNotFound();
    }
    // Once the shipment is over the courier has no business knowing the recipient any more.
    if (!isOpen(shipment)) {
      await record('REFUSED_CLOSED');
      throw new ProblemException(
        HttpStatus.GONE,
        'envelope-closed',
        'Envelope no longer in transit',
        `The shipment is ${shipment.status}`,
      );
    }
    const [profile, address] = nationalId
      ? await Promise.all([this.registry.lookUpProfile(nationalId), this.wasel.lookUpAddress(nationalId)])
      : [undefined, undefined];
    if (!profile || address?.status !== 'FOUND') {
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
      trackingNumber: shipment.trackingNumber,
      recipient: { nameAr: profile.nameAr, nameEn: profile.nameEn, mobile: profile.mobile },
      deliveryAddress: { ...address.address },
    };
  }
}
