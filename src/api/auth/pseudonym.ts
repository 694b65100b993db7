import { createHmac } from 'node:crypto';

/**
 * A stable stand-in for a national ID: HMAC-SHA256 under a secret key, 20 hex
 * characters. The same citizen always gets the same pseudonym, so the audit
 * trail can be followed, but without the key it cannot be turned back into the
 * ID (unlike an unkeyed hash of a 10-digit number, which is reversed by trying
 * every number).
 */
export function pseudonymOf(key: string, nationalId: string): string {
  return createHmac('sha256', key).update(nationalId).digest('hex').slice(0, 20);
}
