import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { CLI_REDIRECT_URI, CLIENT_IDS, COURIER_CLIENTS } from '../../../dev/identity/clients';
import { API_AUDIENCE, type RunningIdentityProvider, startIdentityProvider } from '../../../dev/identity/provider';
import { randomIdentitySecrets } from '../../../dev/identity/secrets';
import { clientCredentials, signInPerson } from '../../../dev/identity/sign-in';

/**
 * The sandbox identity provider (dev/identity) as its clients meet it: tokens the API can verify, with the claims
 * it maps; the pages' client held to PKCE S256 and to its own return addresses; a courier's client credentials;
 * keys rotated without a restart and without losing sessions; never under NODE_ENV=production.
 */
describe('the sandbox identity provider', () => {
  const secrets = randomIdentitySecrets();
  let provider: RunningIdentityProvider;

  beforeAll(async () => {
    provider = await startIdentityProvider({ secrets });
  });

  afterAll(async () => {
    await provider?.stop();
  });

  const signIn = (who: { person: string } | { nationalId: string }) =>
    signInPerson({ issuer: provider.issuer, clientId: CLIENT_IDS.cli, redirectUri: CLI_REDIRECT_URI, who });
  const verify = (token: string) =>
    jwtVerify(token, createRemoteJWKSet(new URL(`${provider.issuer}/jwks`)), {
      issuer: provider.issuer,
      audience: API_AUDIENCE,
      algorithms: ['RS256'],
    });

  it('issues JWT access tokens for the API with the claims it maps, and ID tokens with the name', async () => {
    const citizen = await signIn({ nationalId: '1058529940' });
    expect(decodeProtectedHeader(citizen.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const { payload } = await verify(citizen.access_token);
    expect(payload).toMatchObject({ role: 'citizen', national_id: '1058529940', aud: API_AUDIENCE });
    expect(payload.sub).toMatch(/^c-[\w-]{22}$/); // opaque, never the national ID
    expect(payload.exp! - payload.iat!).toBe(300);
    const idClaims = JSON.parse(Buffer.from(citizen.id_token!.split('.')[1]!, 'base64url').toString());
    expect(idClaims).toMatchObject({ name: 'Mohammed Abdullah Alotaibi', 'name#ar': 'محمد عبدالله العتيبي' });
    expect(idClaims.national_id).toBeUndefined();

    const clerk = await verify((await signIn({ person: 'clerk-jed-01' })).access_token);
    expect(clerk.payload).toMatchObject({ role: 'clerk', office: 'JED-01', sub: 'clerk-jed-01' });
    await expect(signIn({ nationalId: '2012345670' })).rejects.toThrow(/resident/);
    await expect(signIn({ person: 'nobody' })).rejects.toThrow(/400/);
  });

  it("gives a courier's back-end its carrier through client credentials, and nothing with a wrong secret", async () => {
    const courier = await clientCredentials({
      issuer: provider.issuer,
      clientId: COURIER_CLIENTS.SPL.clientId,
      secret: secrets.courierSecrets.SPL,
    });
    expect((await verify(courier.access_token)).payload).toMatchObject({ role: 'courier', carrier: 'SPL' });
    await expect(
      clientCredentials({ issuer: provider.issuer, clientId: COURIER_CLIENTS.SPL.clientId, secret: 'wrong' }),
    ).rejects.toThrow(/401/);
  });

  it('holds the pages to PKCE S256 and to their own return addresses on this machine', async () => {
    const authorize = (params: Record<string, string>) =>
      fetch(
        `${provider.issuer}/auth?${new URLSearchParams({ client_id: CLIENT_IDS.pages, response_type: 'code', scope: 'openid', state: 's', ...params })}`,
        {
          redirect: 'manual',
        },
      );
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    const callback = 'http://127.0.0.1:45678/pages/callback';
    const errorOf = (response: Response) =>
      new URL(response.headers.get('location')!).searchParams.get('error_description');
    // Any loopback port for the pages' callback; with S256 PKCE, on to the sign-in page.
    const ok = await authorize({ redirect_uri: callback, code_challenge: challenge, code_challenge_method: 'S256' });
    expect(ok.headers.get('location')).toMatch(/^\/interaction\//);
    expect(errorOf(await authorize({ redirect_uri: callback }))).toMatch(/PKCE/);
    expect(
      errorOf(await authorize({ redirect_uri: callback, code_challenge: challenge, code_challenge_method: 'plain' })),
    ).toMatch(/code_challenge_method/);
    // Another host, or another path, is no return address of the pages.
    for (const foreign of ['https://evil.example/pages/callback', 'http://127.0.0.1:45678/steal']) {
      const refused = await authorize({
        redirect_uri: foreign,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      expect(refused.status).toBe(400);
    }
  });

  it('rotates its signing key without a restart: sessions survive, the old key verifies until retired', async () => {
    const before = await signIn({ person: 'ops-1' });
    const oldKid = decodeProtectedHeader(before.access_token).kid!;
    // A session of the pages (with a refresh token), made before the rotation.
    const pages = await signInPerson({
      issuer: provider.issuer,
      clientId: CLIENT_IDS.pages,
      redirectUri: 'http://127.0.0.1:45678/pages/callback',
      who: { person: 'clerk-ruh-01' },
    });
    expect(pages.refresh_token).toBeDefined();
    const newKid = provider.rotateSigningKey();
    expect(provider.kids()[0]).toBe(newKid);
    expect(provider.kids()).toContain(oldKid);
    const after = await signIn({ person: 'ops-1' });
    expect(decodeProtectedHeader(after.access_token).kid).toBe(newKid);
    await verify(before.access_token);
    await verify(after.access_token);
    const renewed = await fetch(`${provider.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: pages.refresh_token!,
        client_id: CLIENT_IDS.pages,
      }).toString(),
    });
    expect(renewed.status).toBe(200);
    const renewedToken = ((await renewed.json()) as { access_token: string }).access_token;
    expect(decodeProtectedHeader(renewedToken).kid).toBe(newKid);
    expect(provider.retireOldKeys()).toContain(oldKid);
    const jwks = (await (await fetch(`${provider.issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((key) => key.kid)).not.toContain(oldKid);
    await expect(verify(before.access_token)).rejects.toThrow(/no applicable key/i);
  });

  it('never starts under NODE_ENV=production', async () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(startIdentityProvider({ secrets })).rejects.toThrow(/never runs under NODE_ENV=production/);
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});
