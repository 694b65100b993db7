import { principalFromClaims } from '../../../src/api/auth/claims';
import { pseudonymOf } from '../../../src/api/auth/pseudonym';
import { TokenRefusal } from '../../../src/api/auth/token-refusal';
import { loadOidcConfig } from '../../../src/config/oidc';

const KEY = 'a-test-pseudonym-key-of-at-least-32-chars';

/** The claim mapping: who a verified token names, by configuration, or why it names no caller of this API. */
describe('claims to a caller', () => {
  const defaults = loadOidcConfig({}).claims;
  const refusalOf = (claims: Record<string, unknown>, mapping = defaults) => {
    try {
      principalFromClaims({ sub: 'someone', ...claims }, mapping, KEY);
    } catch (error) {
      if (error instanceof TokenRefusal) return error.slug;
      throw error;
    }
    return undefined;
  };

  it('names a citizen by the national ID claim (never the sub), under a keyed pseudonym', () => {
    const principal = principalFromClaims(
      { sub: 'c-opaque', role: 'citizen', national_id: '1058529940' },
      defaults,
      KEY,
    );
    expect(principal).toEqual({
      role: 'citizen',
      subject: 'c-opaque',
      nationalId: '1058529940',
      actorId: pseudonymOf(KEY, '1058529940'),
      actor: `citizen:${pseudonymOf(KEY, '1058529940')}`,
    });
  });

  it("reads a Keycloak token's client roles through a path and a value map", () => {
    const keycloak = loadOidcConfig({
      OIDC_CLAIM_ROLE: 'resource_access.passport-renewal-api.roles',
      OIDC_ROLE_VALUES: 'passport-clerk=clerk,passport-operator=operator',
    }).claims;
    const token = {
      sub: '5b0e1c9a-6f51-4a0e-9d1c-2f3e4d5c6b7a',
      office: 'JED-02',
      resource_access: {
        'passport-renewal-api': { roles: ['uma_protection', 'passport-clerk'] },
        account: { roles: ['view-profile'] },
      },
    };
    expect(principalFromClaims(token, keycloak, KEY)).toMatchObject({
      role: 'clerk',
      office: 'JED-02',
      actor: `clerk:${token.sub}`,
    });
    expect(refusalOf({ resource_access: { 'passport-renewal-api': { roles: ['uma_protection'] } } }, keycloak)).toBe(
      'token-role-unmapped',
    );
  });

  it.each([
    [{ role: 'admin' }, 'token-role-unmapped'],
    [{ role: ['clerk', 'operator'], office: 'RUH-01' }, 'token-role-unmapped'],
    [{}, 'token-role-unmapped'],
    [{ role: 'clerk' }, 'token-office-unmapped'],
    [{ role: 'clerk', office: 'riyadh' }, 'token-office-unmapped'],
    [{ role: 'citizen' }, 'token-national-id-unmapped'],
    [{ role: 'citizen', national_id: '1058529941' }, 'token-national-id-unmapped'],
    [{ role: 'citizen', national_id: 1058529940 }, 'token-national-id-unmapped'],
    [{ role: 'courier' }, 'token-carrier-unmapped'],
    [{ role: 'operator', sub: 'has spaces' }, 'token-subject-invalid'],
  ])('refuses %j: %s', (claims, slug) => {
    expect(refusalOf(claims)).toBe(slug);
  });
});
