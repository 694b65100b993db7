import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubAnswer {
  status: number;
  /** Sent as is when a string, as JSON otherwise. */
  body?: unknown;
  delayMs?: number;
  /** Holds the request open until the stub closes: a timeout is then the only way a call can end. */
  neverAnswer?: boolean;
}

export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A partner that answers whatever the test scripts, and remembers what it was asked. */
export class StubPartner {
  readonly requests: StubRequest[] = [];
  answer: StubAnswer = { status: 204 };

  private constructor(private readonly server: Server) {
    server.on('request', (request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.requests.push({ method: request.method!, url: request.url!, headers: request.headers, body });
        const { status, body: answer, delayMs, neverAnswer } = this.answer;
        if (neverAnswer) return;
        setTimeout(() => {
          if (response.destroyed) return;
          response.writeHead(status, answer === undefined ? {} : { 'content-type': 'application/json' });
          response.end(answer === undefined ? undefined : typeof answer === 'string' ? answer : JSON.stringify(answer));
        }, delayMs ?? 0).unref();
      });
    });
  }

  static async start(): Promise<StubPartner> {
    const stub = new StubPartner(createServer());
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    return stub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
