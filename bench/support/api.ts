import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { BENCH_JWT, REQUIRED_PLEDGES } from './stack';

const jwt = new JwtService();

/** A bearer token as `npm run token` mints it, signed with the secret the bench gave the product. */
export function bearer(claims: { sub: string; role: 'citizen' | 'clerk'; office?: string }): string {
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

/** A POST with a fresh Idempotency-Key (each call is a new intended action); the JSON answer. */
export async function post<T = Record<string, unknown>>(
  url: string,
  authorization: string | undefined,
  body: unknown,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  if (!response.ok) throw new HttpError(response.status, text, `POST ${new URL(url).pathname}`);
  return (text ? JSON.parse(text) : {}) as T;
}
