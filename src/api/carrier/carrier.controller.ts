import { Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { ValidationProblem } from '../shared/problems/problem';
import { CarrierService } from './carrier.service';
import { EnvelopeView } from './dto/envelope.view';

/** `PE` + the renewal id's 32 hex digits + a 2-digit issue number (workflows/contract/ids.ts `envelopeBarcode`). */
const BARCODE = /^PE[0-9A-F]{32}[0-9]{2}$/;

/** The courier scanning a dedicated envelope. */
@RoleController({ path: 'v1/carrier/envelopes', role: 'courier', tag: 'carrier' })
export class CarrierController {
  constructor(private readonly carrier: CarrierService) {}

  @ReadEndpoint(':barcode', {
    summary: 'Recipient and delivery address of a scanned envelope',
    description:
      'Answers only while the envelope is in transit (410 afterwards), and only to a courier of the carrier ' +
      'the envelope travels with (404 to another, as for an unknown envelope); every look-up is audited.',
    response: { type: EnvelopeView },
    problems: [400, 404, 410, 503],
  })
  @ApiParam({
    name: 'barcode',
    schema: { type: 'string', pattern: BARCODE.source, example: 'PE3F2A7C1E9B4D4C0A8E5F6A7B8C9D0E1F01' },
  })
  envelope(@CurrentPrincipal() principal: Principal, @Param('barcode') barcode: string): Promise<EnvelopeView> {
    if (!BARCODE.test(barcode)) {
      throw new ValidationProblem([{ field: 'barcode', message: 'barcode must be PE, 32 hex digits and 2 digits' }]);
    }
    return this.carrier.envelope(principal, barcode);
  }
}
