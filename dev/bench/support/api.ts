import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_JWT, REQUIRED_PLEDGES } from './stack';

const jwt = new JwtService();

/** A bearer token as `npm run token` mints it, signed with the secret the bench gave the product. */
export function bearer(claims: { sub: string; role: 'citizen' | 'clerk' | 'operator'; office?: string }): string {
  const token = jwt.sign(
    { role: claims.role, ...(claims.office ? { office: claims.office } : {}) },
    {
      secret: BENCH_JWT.secret,
      algorithm: 'HS256',
      issuer: BENCH_JWT.issuer,
      audience: BENCH_JWT.audience,
      subject: claims.sub,
      expiresIn: 3600,
    },
  );
  return `Bearer ${token}`;
}

export const OFFICE = 'RUH-01';
export const CLERK = bearer({ sub: 'bench-clerk', role: 'clerk', office: OFFICE });

/** The acceptance a citizen sends: every required pledge, five years, pickup or post. */
export function acceptance(method: 'PICKUP' | 'POST') {
  return {
    photoConfirmed: true,
    englishNameConfirmed: true,
    acceptedPledgeIds: REQUIRED_PLEDGES,
    validityYears: 5,
    delivery: method === 'PICKUP' ? { method, officeId: OFFICE } : { method },
  };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} answered ${status}: ${body.slice(0, 300)}`);
  }
}

/**
 * A POST as a careful client sends it: a fresh Idempotency-Key for the intended
 * action, and on a 503 (Temporal or a partner too busy to answer in time) the
 * same request again with the same key, a few times, as the API asks. The JSON answer.
 */
export async function post<T = Record<string, unknown>>(
  url: string,
  authorization: string | undefined,
  body: unknown,
): Promise<T> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': key,
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify(body ?? {}),
    });
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : {}) as T;
    if (response.status !== 503 || attempt >= RETRIES) {
      throw new HttpError(response.status, text, `POST ${new URL(url).pathname}`);
    }
    await sleep(1_000 * attempt);
  }
}

const RETRIES = 5;
