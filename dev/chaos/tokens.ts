import { mintAccessToken } from '../../src/api/auth/access-token';
import type { ApiConfig } from '../../src/config/api';

/**
 * Bearer tokens for the run's people, minted with the API's configured secret as the identity provider
 * would, and kept: one per citizen, one per office's clerk, one operator. They outlive the run.
 */
export class Tokens {
  private readonly minted = new Map<string, string>();

  constructor(
    private readonly auth: ApiConfig['auth'],
    private readonly ttlSeconds: number,
  ) {}

  citizen(nationalId: string): string {
    return this.token(`citizen:${nationalId}`, () => ({ role: 'citizen', sub: nationalId }));
  }

  clerk(officeId: string): string {
    return this.token(`clerk:${officeId}`, () => ({ role: 'clerk', sub: `chaos-clerk-${officeId}`, office: officeId }));
  }

  operator(): string {
    return this.token('operator', () => ({ role: 'operator', sub: 'chaos-operator' }));
  }

  private token(key: string, claims: () => Parameters<typeof mintAccessToken>[1]): string {
    let token = this.minted.get(key);
    if (!token) {
      token = mintAccessToken(this.auth, claims(), this.ttlSeconds);
      this.minted.set(key, token);
    }
    return token;
  }
}
