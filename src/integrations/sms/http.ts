import type { HttpAdapterConfig } from '../../config/integrations';
import { PartnerHttpClient } from '../http/client';
import type { SmsGateway, SmsMessage, SmsReceipt } from './port';
import { readSmsReceipt } from './wire';

/** The SMS gateway's HTTP API. */
export class HttpSmsGateway implements SmsGateway {
  private readonly client: PartnerHttpClient;

  constructor(config: HttpAdapterConfig) {
    this.client = new PartnerHttpClient('sms', config);
  }

  async send(message: SmsMessage): Promise<SmsReceipt> {
    return readSmsReceipt(await this.client.json('send', 'POST', '/v1/messages', message), this.client.malformed);
  }
}
