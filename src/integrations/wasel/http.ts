import type { HttpAdapterConfig } from '../../config/integrations';
import { PartnerHttpClient } from '../http/client';
import type { AddressLookup, Wasel } from './port';
import { readAddressLookup } from './wire';

/** Wasel's national address API over HTTP; the national ID travels in the body, not the URL. */
export class HttpWasel implements Wasel {
  private readonly client: PartnerHttpClient;

  constructor(config: HttpAdapterConfig) {
    this.client = new PartnerHttpClient('wasel', config);
  }

  async lookUpAddress(nationalId: string): Promise<AddressLookup> {
    const body = await this.client.json('lookUpAddress', 'POST', '/v1/addresses/lookup', { nationalId });
    return readAddressLookup(body, this.client.malformed);
  }
}
