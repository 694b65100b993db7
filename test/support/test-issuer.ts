import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

/**
 * A small OpenID issuer for tests that need tokens the sandbox provider would never issue: a discovery document
 * and a JWKS on a free port, keys made here, and a signer for any claims, header and key, valid or not. The API
 * under test is pointed at it with OIDC_ISSUER_URL.
 */

type Alg = 'RS256' | 'PS256' | 'ES256';
type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface SignOptions {
  /** A key of this issuer's (published or not); the first published one by default. */
  kid?: string;
  /** The header's typ (at+jwt by default); `null` leaves it out. */
  typ?: string | null;
}

export interface TestIssuer {
  issuer: string;
  audience: string;
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  /** Valid claims for a person of this role, as the sandbox provider would put them, overridden by `claims`. */
  claims(claims?: Record<string, unknown>): JWTPayload;
  /** A token signed with one of this issuer's keys: any claims at all, valid or not. */
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  /** `alg: none`: header and claims, no signature. */
  unsigned(claims: JWTPayload): string;
  /** HS256 with the published key's public key as the secret (the classic algorithm-confusion forgery). */
  hs256(claims: JWTPayload): Promise<string>;
  /** Makes a key; published unless `publish` is false. Returns its kid. */
  newKey(options?: { alg?: Alg; publish?: boolean }): Promise<string>;
  publish(kid: string): void;
  unpublish(kid: string): void;
  stop(): Promise<void>;
}

export async function startTestIssuer(audience = 'passport-renewal-api'): Promise<TestIssuer> {
  const keys = new Map<string, { alg: Alg; pair: KeyPair; jwk: JWK }>();
  const published: string[] = [];
  let fetches = 0;
  let issuer = '';
  const server: Server = createServer((request, response) => {
    const json = (body: unknown) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.url === '/.well-known/openid-configuration') {
      return json({
        issuer,
        jwks_uri: `${issuer}/jwks`,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        end_session_endpoint: `${issuer}/session/end`,
      });
    }
    if (request.url === '/jwks') {
      fetches += 1;
      return json({ keys: published.map((kid) => keys.get(kid)!.jwk) });
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const newKey = async ({ alg = 'RS256', publish = true }: { alg?: Alg; publish?: boolean } = {}) => {
    const pair = await generateKeyPair(alg, { extractable: true });
    const kid = `${alg.toLowerCase()}-${keys.size + 1}`;
    keys.set(kid, { alg, pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' } });
    if (publish) published.unshift(kid);
    return kid;
  };
  await newKey();
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  return {
    issuer,
    audience,
    jwksFetches: () => fetches,
    claims: (claims = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return { iss: issuer, aud: audience, sub: 'ops-test', role: 'operator', iat: now, exp: now + 300, ...claims };
    },
    async sign(claims, options = {}) {
      const kid = options.kid ?? published[0]!;
      const key = keys.get(kid)!;
      const typ = options.typ === undefined ? 'at+jwt' : options.typ;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, kid, ...(typ === null ? {} : { typ }) })
        .sign(key.pair.privateKey);
    },
    unsigned: (claims) => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`,
    async hs256(claims) {
      const kid = published[0]!;
      const secret = await exportSPKI(keys.get(kid)!.pair.publicKey);
      const input = `${b64({ alg: 'HS256', typ: 'at+jwt', kid })}.${b64(claims)}`;
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    },
    newKey,
    publish: (kid) => void (published.includes(kid) || published.unshift(kid)),
    unpublish: (kid) => void published.splice(published.indexOf(kid), 1),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
