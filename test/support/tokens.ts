import { type Carrier, CLI_REDIRECT_URI, CLIENT_IDS, COURIER_CLIENTS } from '../../dev/identity/clients';
import type { IdentitySecrets } from '../../dev/identity/provider';
import { clientCredentials, signInPerson, type TokenSet, type Who } from '../../dev/identity/sign-in';

/**
 * Access tokens for the tests, from the suite's sandbox identity provider (global-setup.ts) through its real
 * flows: a person signs in with Authorization Code + PKCE (headless: the picker's form over HTTP, 10–100 ms), a
 * courier's back-end with client credentials. Remembered per person within a test file (Jest loads this module
 * afresh for each file) until a minute before they expire.
 */

const issuer = () => {
  const url = process.env.OIDC_ISSUER_URL;
  if (!url) throw new Error('OIDC_ISSUER_URL is not set: the suite starts its identity provider in global-setup.ts');
  return url;
};

const remembered = new Map<string, { tokens: TokenSet; until: number }>();

async function cached(key: string, obtain: () => Promise<TokenSet>): Promise<TokenSet> {
  const known = remembered.get(key);
  if (known && known.until > Date.now()) return known.tokens;
  const tokens = await obtain();
  remembered.set(key, { tokens, until: Date.now() + (tokens.expires_in - 60) * 1000 });
  return tokens;
}

const signIn = (who: Who) =>
  cached(JSON.stringify(who), () =>
    signInPerson({ issuer: issuer(), clientId: CLIENT_IDS.cli, redirectUri: CLI_REDIRECT_URI, who }),
  );

/** The token set of a person (ID token included), signed in afresh: not remembered. */
export const freshSignIn = (who: Who) =>
  signInPerson({ issuer: issuer(), clientId: CLIENT_IDS.cli, redirectUri: CLI_REDIRECT_URI, who });

export const tokens = {
  /** A citizen, by national ID (any citizen's: the provider signs in whoever the registry may not even hold). */
  citizen: async (nationalId: string) => (await signIn({ nationalId })).access_token,
  /** The clerk of an office (the sandbox has one at each of RUH-01, RUH-02, JED-01, JED-02, DMM-01, MED-01, ...). */
  clerk: async (office: string) => (await signIn({ person: `clerk-${office.toLowerCase()}` })).access_token,
  /** An operator: ops-1 unless named (ops-2). */
  operator: async (id = 'ops-1') => (await signIn({ person: id })).access_token,
  /** The operators' supervisor (sup-1), who reads the codec's decode log. */
  supervisor: async () => (await signIn({ person: 'sup-1' })).access_token,
  /** A sandbox person by id (e.g. support-1). */
  person: async (id: string) => (await signIn({ person: id })).access_token,
  /** A courier's back-end: Saudi Post's unless another carrier is named. */
  courier: async (carrier: Carrier = 'SPL') => {
    const secrets = JSON.parse(process.env.TEST_IDENTITY_SECRETS ?? '{}') as IdentitySecrets;
    const client = COURIER_CLIENTS[carrier];
    return (
      await cached(`courier:${carrier}`, () =>
        clientCredentials({ issuer: issuer(), clientId: client.clientId, secret: secrets.courierSecrets[carrier] }),
      )
    ).access_token;
  },
};

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Who a test acts as: a citizen by national ID, the clerk of an office, an operator, a courier. */
export type Caller =
  | { role: 'citizen'; nationalId: string }
  | { role: 'clerk'; office: string }
  | { role: 'operator'; id?: string }
  | { role: 'supervisor' }
  | { role: 'courier'; carrier?: Carrier };

/** The `Authorization` header of a caller. */
export async function authFor(caller: Caller): Promise<{ Authorization: string }> {
  switch (caller.role) {
    case 'citizen':
      return bearer(await tokens.citizen(caller.nationalId));
    case 'clerk':
      return bearer(await tokens.clerk(caller.office));
    case 'operator':
      return bearer(await tokens.operator(caller.id));
    case 'supervisor':
      return bearer(await tokens.supervisor());
    case 'courier':
      return bearer(await tokens.courier(caller.carrier));
  }
}
