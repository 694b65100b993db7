import type { HttpAdapterConfig } from '../../config/integrations';
import { PartnerHttpClient, segment } from '../http/client';
import type { Bill, BillRequest, Sadad } from './port';
import { readBill } from './wire';

/** SADAD's biller API over HTTP. */
export class HttpSadad implements Sadad {
  private readonly client: PartnerHttpClient;

  constructor(config: HttpAdapterConfig) {
    this.client = new PartnerHttpClient('sadad', config);
  }

  async issueBill(request: BillRequest): Promise<Bill> {
    return readBill(await this.client.json('issueBill', 'POST', '/v1/bills', request), this.client.malformed);
  }

  async getBill(billNumber: string): Promise<Bill | undefined> {
    const body = await this.client.find('getBill', 'GET', `/v1/bills/${segment(billNumber)}`);
    return body === undefined ? undefined : readBill(body, this.client.malformed);
  }

  async cancelBill(billNumber: string): Promise<void> {
    await this.client.send('cancelBill', 'POST', `/v1/bills/${segment(billNumber)}/cancellation`, {}, 'BillNotFound');
  }

  async refundBill(billNumber: string, reason: string): Promise<void> {
    await this.client.send('refundBill', 'POST', `/v1/bills/${segment(billNumber)}/refund`, { reason }, 'BillNotFound');
  }
}
