import { JwtService } from '@nestjs/jwt';
import { Webhook } from 'standardwebhooks';
import { randomUUID } from 'node:crypto';
import type { WebhookPartner } from '../../workflows/contract';
import { mintAccessToken } from '../../src/api/auth/access-token';
import type { AccessClaims } from '../../src/api/auth/principal';
import { testConfiguration } from './config';

const config = testConfiguration().api;

/** A valid bearer token, as `npm run token` mints it. */
export function tokenFor(claims: AccessClaims): string {
  return mintAccessToken(config.auth, claims);
}

/** A token signed as the API signs them, with any claims at all (including ones `mintAccessToken` refuses). */
export function rawToken(
  claims: Partial<AccessClaims> & { iat?: number; exp?: number },
  options: { secret?: string } = {},
): string {
  const { sub, ...payload } = claims;
  const now = Math.floor(Date.now() / 1000);
  return new JwtService().sign(
    { iat: now, exp: now + 600, ...payload },
    {
      secret: options.secret ?? config.auth.jwtSecret,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      ...(sub ? { subject: sub } : {}),
    },
  );
}

/** A token that was valid and expired a minute ago. */
export function expiredToken(claims: AccessClaims): string {
  const now = Math.floor(Date.now() / 1000);
  return rawToken({ ...claims, iat: now - 3600, exp: now - 60 });
}

/** A well-formed token signed with a key the API does not know. */
export function forgedToken(claims: AccessClaims): string {
  return rawToken(claims, { secret: 'not-the-api-secret-but-just-as-long-0001' });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

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
