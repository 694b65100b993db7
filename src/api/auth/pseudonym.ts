import { citizenPseudonym } from '../../persistence/personal-data';

/**
 * A stable stand-in for a national ID: HMAC-SHA256 under a secret key, 20 hex
 * characters. The same citizen always gets the same pseudonym, so the audit
 * trail can be followed, but without the key it cannot be turned back into the
 * ID (unlike an unkeyed hash of a 10-digit number, which is reversed by trying
 * every number). The read model looks citizens up by the same keyed hash
 * (src/persistence/personal-data.ts), so pseudonyms and look-ups agree.
 */
export function pseudonymOf(key: string, nationalId: string): string {
  return citizenPseudonym(key, nationalId);
}
