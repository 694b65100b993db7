import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { WebhookPartner } from '../../workflows/contract';
import { waitFor } from './wait';

export interface ReceivedWebhook {
  partner: WebhookPartner;
  /** The `webhook-id` header. */
  id: string;
  payload: Record<string, unknown>;
  /** As received, to check the signature independently. */
  raw: { body: string; headers: Record<string, string> };
}

/**
 * Stands in for our API's `/v1/webhooks/<partner>`: verifies each request's
 * Standard Webhooks signature with the partner's secret (401 when it does not
 * verify) and records what arrived. It can be told to answer the next requests
 * with an error status, to exercise the sandboxes' retries.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Every request, including refused ones: its `webhook-id`, the status answered and when it came. */
  readonly attempts: Array<{ id: string; status: number; at: number }> = [];
  private readonly scripted: Array<{ status: number; headers: Record<string, string> }> = [];
  private readonly verifiers: Record<string, Webhook>;

  private constructor(
    private readonly server: Server,
    secrets: Record<WebhookPartner, string>,
  ) {
    this.verifiers = Object.fromEntries(Object.entries(secrets).map(([partner, s]) => [partner, new Webhook(s)]));
    server.on('request', (request: IncomingMessage, response) => {
      void readBody(request).then((body) => {
        const { status, headers } = this.handle(request, body);
        response.writeHead(status, headers).end();
      });
    });
  }

  static async start(secrets: Record<WebhookPartner, string>): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(createServer(), secrets);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next `times` requests are answered with `status` (and `headers`), whatever they carry. */
  answerNext(status: number, times: number, headers: Record<string, string> = {}): void {
    for (let i = 0; i < times; i++) this.scripted.push({ status, headers });
  }

  /** The first webhook matching `predicate`, waiting for it to arrive. */
  waitFor(predicate: (webhook: ReceivedWebhook) => boolean, what: string): Promise<ReceivedWebhook> {
    return waitFor(async () => this.received.find(predicate), what);
  }

  /** Webhooks whose payload has `key` equal to `value`, in arrival order. */
  withPayload(key: string, value: unknown): ReceivedWebhook[] {
    return this.received.filter((webhook) => webhook.payload[key] === value);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(request: IncomingMessage, body: string): { status: number; headers: Record<string, string> } {
    const headers = request.headers as Record<string, string>;
    const answer = this.scripted.shift() ?? { status: this.accept(request.url ?? '', body, headers), headers: {} };
    this.attempts.push({ id: headers['webhook-id'], status: answer.status, at: Date.now() });
    return answer;
  }

  private accept(url: string, body: string, headers: Record<string, string>): number {
    const partner = /^\/v1\/webhooks\/([a-z-]+)$/.exec(url)?.[1];
    const verifier = partner && this.verifiers[partner];
    if (!verifier) return 404;
    try {
      const payload = verifier.verify(body, headers) as Record<string, unknown>;
      const id = headers['webhook-id'];
      this.received.push({ partner: partner as WebhookPartner, id, payload, raw: { body, headers } });
      return 204;
    } catch {
      return 401;
    }
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
