import { Webhook } from 'standardwebhooks';
import { randomUUID } from 'node:crypto';
import type { WebhookPartner } from '../../workflows/contract';
import { testConfiguration } from './config';

const config = testConfiguration().api;

/** Access tokens come from the suite's identity provider: see tokens.ts (and test-issuer.ts for forged ones). */
export { bearer } from './tokens';

export interface SignedWebhook {
  headers: Record<string, string>;
  body: string;
}

/** A webhook signed as the partner's sandbox signs it (Standard Webhooks), optionally with another secret or time. */
export function signedWebhook(
  partner: WebhookPartner,
  payload: unknown,
  options: { id?: string; at?: Date; secret?: string } = {},
): SignedWebhook {
  const id = options.id ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  const body = JSON.stringify(payload);
  const signer = new Webhook(options.secret ?? config.webhookSecrets[partner]);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signer.sign(id, at, body),
    },
  };
}
