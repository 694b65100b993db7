import { Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { CitizenController } from '../renewals/citizen-controller.decorator';
import { ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RenewalIdParam } from '../shared/validation/renewal-id.param';
import { RenewalStatusView } from '../renewals/dto/renewal-status.view';
import { RenewalsService } from '../renewals/renewals.service';
import { RenewalChangeFeed } from './renewal-change-feed.service';
import { renewalStatusStream } from './status-stream';
import { StreamSlots } from './stream-slots';

/**
 * One event of the stream as it is written: `data` holds a status as JSON, which the JSON Schema keywords
 * `contentMediaType` and `contentSchema` say, so a client (or a fuzzer) can check the status inside.
 */
const STATUS_EVENT = {
  type: 'object',
  required: ['id', 'event', 'data'],
  properties: {
    id: { type: 'string', description: 'Sequence number of the event in this stream, from 1' },
    event: { type: 'string', enum: ['status'] },
    data: {
      type: 'string',
      contentMediaType: 'application/json',
      contentSchema: { $ref: getSchemaPath(RenewalStatusView) },
    },
  },
} as SchemaObject;

/** A comment line now and then keeps proxies and load balancers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * The citizen follows their renewal live: server-sent events fed by the read
 * model's change notices. Authenticated like every call, with the bearer
 * header (the pages read the stream with fetch, not EventSource, so no token
 * ever goes into a URL); the stream ends when that token expires (the page
 * reconnects with its renewed one), and a person holds at most a few at once.
 */
@CitizenController('v1/renewals')
export class RenewalEventsController {
  constructor(
    private readonly renewals: RenewalsService,
    private readonly feed: RenewalChangeFeed,
    private readonly slots: StreamSlots,
  ) {}

  @ReadEndpoint(':renewalId/events', {
    summary: 'Follow my renewal live (server-sent events)',
    description:
      'A `text/event-stream` of `status` events, each the full status as `GET …/status` answers it: one at once, ' +
      'then one whenever the renewal changes. The stream ends after the renewal ends, and when the access token ' +
      'it was opened with expires; reconnect (with a renewed token) to resume. At most API_STREAMS_PER_PERSON ' +
      '(3) streams per person at once: beyond, 429 with Retry-After.',
    response: { schema: STATUS_EVENT, description: 'Each event’s `data` is a status' },
    problems: [400, 404, 429, 503],
  })
  @ApiProduces('text/event-stream')
  @ApiExtraModels(RenewalStatusView)
  async follow(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const readStatus = () => this.renewals.status(principal, renewalId);
    // The first read is made before answering, so a renewal the caller may not see is a plain 404.
    const first = await readStatus();
    const release = this.slots.take(principal);
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    response.flushHeaders();
    let sequence = 0;
    const send = (status: RenewalStatusView) => {
      sequence += 1;
      response.write(`id: ${sequence}\nevent: status\ndata: ${JSON.stringify(status)}\n\n`);
    };
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    // Authenticated once, at the start: the stream lasts no longer than the token did.
    const expiry = setTimeout(() => finish(), Math.max(0, principal.expiresAt - Date.now()));
    let firstRead = true;
    const subscription = renewalStatusStream(renewalId, this.feed, () => {
      if (!firstRead) return readStatus();
      firstRead = false;
      return Promise.resolve(first);
    }).subscribe({
      next: send,
      // Temporal did not answer, say: end the stream, and the follower reconnects.
      error: () => finish(),
      complete: () => finish(),
    });
    function finish() {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      subscription?.unsubscribe();
      release();
      response.end();
    }
    request.on('close', finish);
  }
}
