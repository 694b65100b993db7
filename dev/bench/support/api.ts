import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { HeldTokens } from '../../identity/held-tokens';
import { portsFromEnv, REQUIRED_PLEDGES } from './stack';

export const OFFICE = 'RUH-01';

/** The people's tokens, from the stack's sandbox identity provider (the real sign-in, as `npm run token`). */
const tokens = new HeldTokens(process.env.OIDC_ISSUER_URL ?? `http://127.0.0.1:${portsFromEnv().oidc}`);

/** The `Authorization` header of a citizen; sign each citizen in before a timed loop (see `signInAll`). */
export const citizenBearer = async (nationalId: string) => `Bearer ${await tokens.citizen(nationalId)}`;

/** The `Authorization` header of an office's clerk (the sandbox provider has one per office). */
export const clerkBearer = async (office = OFFICE) => `Bearer ${await tokens.clerk(office)}`;

/** The `Authorization` header of one of the sandbox provider's operators (ops-1, ops-2). */
export const operatorBearer = async (person: string) => `Bearer ${await tokens.operator(person)}`;

/** Signs every citizen in, 16 at a time, so no timed request waits for a sign-in. */
export async function signInAll(nationalIds: readonly string[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < nationalIds.length) await tokens.citizen(nationalIds[next++]!);
    }),
  );
}

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
