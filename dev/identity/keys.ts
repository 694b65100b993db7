import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import type { JWK } from 'oidc-provider';

/** A new signing key as a private JWK, its `kid` telling when it was made (e.g. `rs256-20261207T175632-c7409d`). */
export function newSigningKey(alg: 'RS256' | 'ES256'): JWK {
  const { privateKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '');
  const jwk = (privateKey as KeyObject).export({ format: 'jwk' }) as JWK;
  return { ...jwk, kid: `${alg.toLowerCase()}-${stamp}-${randomBytes(3).toString('hex')}`, alg, use: 'sig' };
}

/**
 * The provider's keys: the first RS256 key signs; every listed key is published in the JWKS, so tokens signed with
 * an older one keep verifying until it is retired. An ES256 key is published too (the API accepts either).
 */
export class SigningKeys {
  private keys: JWK[] = [newSigningKey('RS256'), newSigningKey('ES256')];

  get all(): JWK[] {
    return [...this.keys];
  }

  kids(): string[] {
    return this.keys.map((key) => key.kid!);
  }

  /** A new RS256 key signs from now on; the older ones stay published. Returns its kid. */
  rotate(): string {
    const next = newSigningKey('RS256');
    this.keys = [next, ...this.keys];
    return next.kid!;
  }

  /** Only the signing key (and the ES256 one) stay published: tokens of retired keys stop verifying. */
  retireOld(): string[] {
    const retired = this.keys.filter((key, index) => index > 0 && key.alg === 'RS256').map((key) => key.kid!);
    this.keys = this.keys.filter((key) => !retired.includes(key.kid!));
    return retired;
  }
}
