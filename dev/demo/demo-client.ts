import { randomUUID } from 'node:crypto';
import { createParser } from 'eventsource-parser';
import type { RenewalStatus } from '../../workflows/contract';

/** A problem+json answer of the API, kept whole so the demo can say what went wrong. */
export class DemoHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type?: string; detail?: string; renewalId?: string },
  ) {
    super(`${status} ${body.type ?? ''} ${body.detail ?? ''}`.trim());
  }

  is(slug: string): boolean {
    return this.body.type === `urn:passport-renewal:problem:${slug}`;
  }
}

/** Someone using the API with a token of their own (signed in at the sandbox identity provider), as the pages do. */
export class DemoActor {
  constructor(
    private readonly apiUrl: string,
    private readonly token: () => Promise<string>,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await this.token()}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new DemoHttpError(response.status, answer as DemoHttpError['body']);
    return answer as T;
  }

  /** The renewal's live status (server-sent events), until it ends or `stop` returns true. */
  async follow(renewalId: string, onStatus: (status: RenewalStatus) => Promise<boolean | void>): Promise<void> {
    for (;;) {
      const response = await fetch(`${this.apiUrl}/v1/renewals/${renewalId}/events`, {
        headers: { Authorization: `Bearer ${await this.token()}`, Accept: 'text/event-stream' },
      });
      if (!response.ok || !response.body)
        throw new DemoHttpError(response.status, (await response.json()) as DemoHttpError['body']);
      let stopped = false;
      const pending: RenewalStatus[] = [];
      const parser = createParser({
        onEvent: (event) => event.event === 'status' && pending.push(JSON.parse(event.data)),
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
        while (pending.length && !stopped) stopped = (await onStatus(pending.shift()!)) === true;
        if (stopped) {
          await reader.cancel();
          return;
        }
      }
      // The stream ends after the renewal ends; otherwise (a restart, the token's expiry) follow it again.
    }
  }
}

/** Retries `action` while it fails with one of the problems a moment later cures. */
export async function retrying<T>(action: () => Promise<T>, transient: string[], timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await action();
    } catch (error) {
      const cured = error instanceof DemoHttpError && transient.some((slug) => error.is(slug));
      if (!cured || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
