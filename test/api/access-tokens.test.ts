import request from 'supertest';
import { pseudonymOf } from '../../src/api/auth/pseudonym';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';
import { type Stack, startStack } from '../support/stack';
import { freshNationalId } from '../support/fixtures';
import { seedRenewal } from './support/fixtures';

const PROBLEM = 'urn:passport-renewal:problem:';
const MAX_LIFETIME = 3600;
const TOLERANCE = 30;

/**
 * The API trusts access tokens of its OpenID provider only: each row of the issue's "Bad input" table is refused
 * with a 401, a problem type of its own and a Bearer challenge, and nothing else happens (no audit line, no
 * rate-limit budget spent in the name the token claims). Tokens come from a small test issuer on a free port, which
 * signs anything; the API under test trusts it as it would the agency's sign-on.
 */
describe('access tokens', () => {
  let issuer: TestIssuer;
  let stack: Stack;
  const now = () => Math.floor(Date.now() / 1000);
  const nationalId = freshNationalId();

  beforeAll(async () => {
    issuer = await startTestIssuer();
    stack = await startStack({
      worker: false,
      env: {
        OIDC_ISSUER_URL: issuer.issuer,
        OIDC_MAX_TOKEN_LIFETIME: String(MAX_LIFETIME),
        OIDC_CLOCK_TOLERANCE: String(TOLERANCE),
        // An unknown kid fetches the JWKS again at once: the "refreshed JWKS" of the table.
        OIDC_JWKS_COOLDOWN_MS: '0',
        API_RATE_LIMIT_CITIZEN: '3',
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await issuer?.stop();
  });

  const operatorRead = (headers: Record<string, string>) =>
    request(stack.http).get('/v1/operator/renewals?limit=1').set(headers);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('accepts a valid token of the trusted provider, RS256, PS256 or ES256, typ at+jwt or JWT', async () => {
    await operatorRead(bearer(await issuer.sign(issuer.claims()))).expect(200);
    for (const alg of ['PS256', 'ES256'] as const) {
      const kid = await issuer.newKey({ alg });
      await operatorRead(bearer(await issuer.sign(issuer.claims(), { kid }))).expect(200);
    }
    // Keycloak's access tokens say typ JWT.
    await operatorRead(bearer(await issuer.sign(issuer.claims(), { typ: 'JWT' }))).expect(200);
  });

  it('refuses every row of the bad-input table with a 401 and a problem type of its own', async () => {
    const unpublished = await issuer.newKey({ publish: false });
    const fetchesBefore = issuer.jwksFetches();
    const claims = issuer.claims;
    const { exp: _exp, ...noExp } = claims();
    const rows: Array<[string, Record<string, string>, string]> = [
      ['no token', {}, 'authentication-required'],
      ['malformed: not a JWT', bearer('not-a-jwt'), 'token-malformed'],
      ['malformed: a header that is not JSON', bearer('bm90IGpzb24.e30.c2ln'), 'token-malformed'],
      ['malformed: not a Bearer header', { Authorization: 'Basic b3BzOnNlY3JldA==' }, 'token-malformed'],
      ['alg none', bearer(issuer.unsigned(claims())), 'token-unsigned'],
      [
        'HS256 (signed with the public key as the secret)',
        bearer(await issuer.hs256(claims())),
        'token-algorithm-refused',
      ],
      [
        'unknown kid, not in the refreshed JWKS',
        bearer(await issuer.sign(claims(), { kid: unpublished })),
        'token-key-unknown',
      ],
      ['wrong iss', bearer(await issuer.sign(claims({ iss: 'https://sso.example.sa' }))), 'token-issuer-mismatch'],
      ['wrong aud', bearer(await issuer.sign(claims({ aud: 'another-api' }))), 'token-audience-mismatch'],
      ['no exp', bearer(await issuer.sign(noExp)), 'token-expiry-missing'],
      ['expired', bearer(await issuer.sign(claims({ iat: now() - 600, exp: now() - 120 }))), 'token-expired'],
      [
        'lifetime over the maximum',
        bearer(await issuer.sign(claims({ iat: now(), exp: now() + MAX_LIFETIME + 1 }))),
        'token-lifetime-exceeded',
      ],
      [
        'nbf in the future beyond tolerance',
        bearer(await issuer.sign(claims({ nbf: now() + TOLERANCE + 60 }))),
        'token-not-yet-valid',
      ],
      [
        'iat in the future beyond tolerance',
        bearer(await issuer.sign(claims({ iat: now() + TOLERANCE + 60, exp: now() + TOLERANCE + 360 }))),
        'token-not-yet-valid',
      ],
      ['a role that does not map', bearer(await issuer.sign(claims({ role: 'admin' }))), 'token-role-unmapped'],
      [
        'an office that does not map',
        bearer(await issuer.sign(claims({ role: 'clerk', office: 'Riyadh main' }))),
        'token-office-unmapped',
      ],
      // Beyond the table: what else a token may get wrong.
      [
        'a signature that does not verify',
        bearer(`${(await issuer.sign(claims())).slice(0, -6)}AAAAAA`),
        'token-signature-invalid',
      ],
      ['not an access token (typ)', bearer(await issuer.sign(claims(), { typ: 'dpop+jwt' })), 'token-type-refused'],
      ['no typ at all', bearer(await issuer.sign(claims(), { typ: null })), 'token-type-refused'],
      [
        'a citizen without a national ID',
        bearer(await issuer.sign(claims({ role: 'citizen', sub: 'c-1' }))),
        'token-national-id-unmapped',
      ],
      [
        "a resident's national ID as a citizen",
        bearer(await issuer.sign(claims({ role: 'citizen', national_id: '2012345670' }))),
        'token-national-id-unmapped',
      ],
      ['a courier without a carrier', bearer(await issuer.sign(claims({ role: 'courier' }))), 'token-carrier-unmapped'],
      ['two roles at once', bearer(await issuer.sign(claims({ role: ['clerk', 'operator'] }))), 'token-role-unmapped'],
    ];
    const answers = [];
    for (const [row, headers, slug] of rows) {
      const response = await operatorRead(headers);
      answers.push({
        row,
        status: response.status,
        type: response.body.type,
        contentType: response.headers['content-type'],
        challenge: response.headers['www-authenticate'],
      });
      expect(answers.at(-1)).toEqual({
        row,
        status: 401,
        type: `${PROBLEM}${slug}`,
        contentType: expect.stringMatching(/^application\/problem\+json/),
        challenge:
          slug === 'authentication-required'
            ? 'Bearer realm="passport-renewal"'
            : 'Bearer realm="passport-renewal", error="invalid_token"',
      });
    }
    // Distinct problem types, one per row of the issue's table.
    expect(new Set(rows.slice(0, 16).map(([, , slug]) => slug)).size).toBe(13);
    // The unknown kid made the API fetch the JWKS again before refusing.
    expect(issuer.jwksFetches()).toBeGreaterThan(fetchesBefore);
  });

  it('audits nothing and spends no rate-limit budget in the name a refused token claims', async () => {
    const renewalId = await seedRenewal(stack.db, { nationalId: freshNationalId() });
    const audited = () =>
      stack.db
        .query(`SELECT count(*)::int AS n FROM audit_events WHERE renewal_id = $1`, [renewalId])
        .then(([row]: Array<{ n: number }>) => row.n);
    const forged = [
      issuer.unsigned(issuer.claims({ role: 'citizen', national_id: nationalId })),
      await issuer.hs256(issuer.claims({ role: 'citizen', national_id: nationalId })),
      await issuer.sign(issuer.claims({ role: 'citizen', national_id: nationalId, aud: 'another-api' })),
      await issuer.sign(issuer.claims({ role: 'citizen', national_id: nationalId, iat: now() - 600, exp: now() - 60 })),
    ];
    for (const token of forged) {
      // Reaching for another's renewal is audited (DENIED) for a real caller; for a refused token, nothing is.
      await request(stack.http).get(`/v1/renewals/${renewalId}/status`).set(bearer(token)).expect(401);
      await request(stack.http).get('/v1/renewals').set(bearer(token)).expect(401);
    }
    expect(await audited()).toBe(0);
    const lines = await stack.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE actor = $1`, [
      `citizen:${pseudonymOf(stack.config.api.pseudonymKey, nationalId)}`,
    ]);
    expect(lines[0].n).toBe(0);
    // The citizen's whole budget (3 per window) is still there after eight refused tokens in their name.
    const real = bearer(await issuer.sign(issuer.claims({ role: 'citizen', national_id: nationalId, sub: 'c-real' })));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(stack.http).get('/v1/renewals').set(real)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('picks up a new signing key without a restart, and refuses a retired key once the JWKS is refreshed', async () => {
    const old = await issuer.sign(issuer.claims({ sub: 'ops-rotation' }));
    await operatorRead(bearer(old)).expect(200);
    // A key made but not yet published: refused (after refreshing the JWKS); published: accepted, same process.
    const next = await issuer.newKey({ publish: false });
    const fresh = await issuer.sign(issuer.claims({ sub: 'ops-rotation' }), { kid: next });
    expect((await operatorRead(bearer(fresh)).expect(401)).body.type).toBe(`${PROBLEM}token-key-unknown`);
    issuer.publish(next);
    await operatorRead(bearer(fresh)).expect(200);
    // The old key still verifies while published.
    await operatorRead(bearer(old)).expect(200);
  });
});

/**
 * The verified-token cache (a token is remembered until it expires) never outlives the key it was verified with:
 * once the JWKS is older than OIDC_JWKS_CACHE_MAX_AGE_MS it is fetched again, and a remembered token whose kid has
 * left it is refused.
 */
describe('access tokens of a retired key', () => {
  let issuer: TestIssuer;
  let stack: Stack;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    stack = await startStack({
      worker: false,
      env: { OIDC_ISSUER_URL: issuer.issuer, OIDC_JWKS_COOLDOWN_MS: '0', OIDC_JWKS_CACHE_MAX_AGE_MS: '500' },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await issuer?.stop();
  });

  it('refuses a token it had verified (and remembered) once its key has left the JWKS', async () => {
    const retiring = await issuer.newKey();
    const token = await issuer.sign(issuer.claims(), { kid: retiring });
    const read = () =>
      request(stack.http)
        .get('/v1/operator/renewals?limit=1')
        .set({ Authorization: `Bearer ${token}` });
    await read().expect(200);
    await read().expect(200); // remembered
    issuer.unpublish(retiring);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const refused = await read().expect(401);
    expect(refused.body.type).toBe(`${PROBLEM}token-key-unknown`);
    // And a token of the key that stayed still verifies.
    await request(stack.http)
      .get('/v1/operator/renewals?limit=1')
      .set({ Authorization: `Bearer ${await issuer.sign(issuer.claims())}` })
      .expect(200);
  });
});
