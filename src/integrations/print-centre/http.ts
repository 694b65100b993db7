import type { HttpAdapterConfig } from '../../config/integrations';
import { PartnerHttpClient, segment } from '../http/client';
import type { PrintCentre, PrintJob, PrintOrder } from './port';
import { readPrintJob } from './wire';

/** The print centre's job API over HTTP; completion comes back later by webhook. */
export class HttpPrintCentre implements PrintCentre {
  private readonly client: PartnerHttpClient;

  constructor(config: HttpAdapterConfig) {
    this.client = new PartnerHttpClient('print-centre', config);
  }

  async submit(order: PrintOrder): Promise<PrintJob> {
    return readPrintJob(await this.client.json('submit', 'POST', '/v1/jobs', order), this.client.malformed);
  }

  async getJob(jobKey: string): Promise<PrintJob | undefined> {
    const body = await this.client.find('getJob', 'GET', `/v1/jobs/${segment(jobKey)}`);
    return body === undefined ? undefined : readPrintJob(body, this.client.malformed);
  }

  async cancel(jobKey: string): Promise<void> {
    await this.client.send('cancel', 'POST', `/v1/jobs/${segment(jobKey)}/cancellation`, {}, 'PrintJobNotFound');
  }
}
