import { loadOidcConfig } from '../../../src/config/oidc';

/** OIDC_*: the provider the API trusts and the claim mapping, with documented defaults. */
describe('OpenID Connect configuration', () => {
  it('has the documented defaults, and no issuer outside production (a launcher fills it in)', () => {
    expect(loadOidcConfig({})).toEqual({
      issuerUrl: undefined,
      audience: 'passport-renewal-api',
      maxTokenLifetimeSeconds: 3600,
      clockToleranceSeconds: 30,
      jwksCooldownMs: 30_000,
      jwksCacheMaxAgeMs: 600_000,
      discoveryTimeoutMs: 60_000,
      claims: {
        role: ['role'],
        roleValues: {
          citizen: 'citizen',
          clerk: 'clerk',
          operator: 'operator',
          supervisor: 'supervisor',
          courier: 'courier',
        },
        nationalId: ['national_id'],
        office: ['office'],
        carrier: ['carrier'],
        name: ['name'],
      },
      pagesClientId: 'passport-renewal-pages',
      pagesScope: 'openid profile',
    });
  });

  it('requires OIDC_ISSUER_URL in production', () => {
    expect(() => loadOidcConfig({ NODE_ENV: 'production' })).toThrow(/OIDC_ISSUER_URL must be set in production/);
    expect(
      loadOidcConfig({ NODE_ENV: 'production', OIDC_ISSUER_URL: 'https://sso.example.sa/realms/pr/' }).issuerUrl,
    ).toBe('https://sso.example.sa/realms/pr');
  });

  it("maps a Keycloak realm's claims by configuration alone", () => {
    const config = loadOidcConfig({
      OIDC_ISSUER_URL: 'http://127.0.0.1:8080/realms/passport-renewal',
      OIDC_CLAIM_ROLE: 'resource_access.passport-renewal-api.roles',
      OIDC_ROLE_VALUES: 'passport-citizen=citizen, passport-clerk=clerk,passport-operator=operator',
      OIDC_CLAIM_NATIONAL_ID: 'nid',
    });
    expect(config.claims.role).toEqual(['resource_access', 'passport-renewal-api', 'roles']);
    expect(config.claims.roleValues).toEqual({
      'passport-citizen': 'citizen',
      'passport-clerk': 'clerk',
      'passport-operator': 'operator',
    });
    expect(config.claims.nationalId).toEqual(['nid']);
  });

  it.each([
    ['OIDC_ISSUER_URL', 'sso.example.sa', /OIDC_ISSUER_URL must be an http\(s\) URL/],
    ['OIDC_ISSUER_URL', 'https://sso.example.sa/?realm=x', /OIDC_ISSUER_URL must be an http\(s\) URL/],
    ['OIDC_ROLE_VALUES', 'admin=superuser', /OIDC_ROLE_VALUES must be comma-separated/],
    ['OIDC_CLAIM_ROLE', 'roles[0]', /OIDC_CLAIM_ROLE must be a claim name/],
    ['OIDC_MAX_TOKEN_LIFETIME', '0', /OIDC_MAX_TOKEN_LIFETIME must be seconds >= 1/],
    ['OIDC_JWKS_COOLDOWN_MS', '-1', /OIDC_JWKS_COOLDOWN_MS must be an integer >= 0/],
  ])('refuses %s=%s, naming it', (name, value, message) => {
    expect(() => loadOidcConfig({ [name]: value })).toThrow(message);
  });
});
