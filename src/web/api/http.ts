import { renewSession } from '../session/provider';
import { currentSession, savedSession } from '../session/session';

/** An RFC 9457 problem the API answered with (or a network failure, as status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly detail?: string,
    readonly reason?: string,
    readonly fields: string[] = [],
  ) {
    super(detail ?? slug);
  }
}

const PROBLEM_PREFIX = 'urn:passport-renewal:problem:';

async function problemOf(response: Response): Promise<ApiProblem> {
  const body = await response.json().catch(() => undefined);
  const type: string = body?.type ?? '';
  return new ApiProblem(
    response.status,
    type.startsWith(PROBLEM_PREFIX) ? type.slice(PROBLEM_PREFIX.length) : `http-${response.status}`,
    body?.detail,
    body?.reason,
    Array.isArray(body?.errors) ? body.errors.map((e: { field: string }) => e.field) : [],
  );
}

/**
 * Headers of an authenticated call; the token travels in a header only. A token about to expire (or just expired,
 * a laptop woken from sleep, say) is renewed first, if the session still can be.
 */
export async function authHeaders(): Promise<Record<string, string>> {
  let session = currentSession();
  if ((!session || session.expiresAt - Date.now() < 30_000) && savedSession()?.refreshToken) {
    session = await renewSession().catch(() => session);
  }
  return session ? { Authorization: `Bearer ${session.accessToken}` } : {};
}

async function call<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(await authHeaders()),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem(0, 'network');
  }
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as T;
}

/** A random UUID (v4); `crypto.randomUUID` exists only on https pages, `getRandomValues` everywhere. */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  /** A read whose criteria are personal data: sent in the body, never in the URL, where logs keep it. */
  find: <T>(path: string, criteria: object) => call<T>('POST', path, criteria),
  /**
   * A write, with the Idempotency-Key of this intended action: a retry of the
   * same action (same key) is answered without acting twice.
   */
  post: <T>(path: string, body: unknown, idempotencyKey: string = newKey()) =>
    call<T>('POST', path, body, idempotencyKey),
};

export { problemOf };
