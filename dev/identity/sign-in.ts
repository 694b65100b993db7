import { createHash, randomBytes } from 'node:crypto';

/**
 * Tokens from the sandbox identity provider without a browser, through its real flows: a person is signed in with
 * Authorization Code + PKCE (authorize, the person picker's form, the code, the token request), exactly as the
 * pages do it save for the browser; a courier's back-end uses client credentials. Nothing in the provider is there
 * for this: `npm run token` and the tests use it as any client would.
 */

export interface TokenSet {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
}

/** Who to sign in: a listed person by id (`ops-1`, `clerk-ruh-01`), or a citizen by national ID. */
export type Who = { person: string } | { nationalId: string };

interface Endpoints {
  authorization_endpoint: string;
  token_endpoint: string;
}

const discovered = new Map<string, Promise<Endpoints>>();

function endpoints(issuer: string): Promise<Endpoints> {
  let found = discovered.get(issuer);
  if (!found) {
    found = fetch(`${issuer}/.well-known/openid-configuration`).then(async (response) => {
      if (!response.ok) throw new Error(`${issuer}: discovery answered ${response.status}`);
      return (await response.json()) as Endpoints;
    });
    found.catch(() => discovered.delete(issuer));
    discovered.set(issuer, found);
  }
  return found;
}

async function tokenRequest(tokenEndpoint: string, body: URLSearchParams, authorization?: string): Promise<TokenSet> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(authorization ? { authorization } : {}),
    },
    body: body.toString(),
  });
  if (!response.ok) throw new Error(`token request refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenSet;
}

/** A connection the server closed as it was reused ("other side closed"): nothing was done, try again. */
const dropped = (error: unknown) =>
  error instanceof TypeError &&
  /other side closed|ECONNRESET|socket hang up/i.test(String((error as { cause?: unknown }).cause ?? error));

/** `attempt`, started over (up to three times) when a connection drops: nothing half-done is reused. */
async function startingOver<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= 3 || !dropped(error)) throw error;
    }
  }
}

/** Signs a person in through the picker, as `clientId` (a public client with `redirectUri` registered). */
export function signInPerson(options: SignInOptions): Promise<TokenSet> {
  return startingOver(() => signInOnce(options));
}

interface SignInOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  who: Who;
  scope?: string;
}

async function signInOnce(options: SignInOptions): Promise<TokenSet> {
  const { authorization_endpoint, token_endpoint } = await endpoints(options.issuer);
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
    return response;
  };
  const next = (response: Response, base: string) => {
    const location = response.headers.get('location');
    if (!location) throw new Error(`sign-in stopped: ${response.status} at ${base}`);
    return new URL(location, base).href;
  };

  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: options.scope ?? 'openid profile',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
    nonce: randomBytes(16).toString('base64url'),
  }).toString();

  const interaction = next(await go(authorize.href), authorize.href);
  const form: Record<string, string> =
    'person' in options.who ? { person: options.who.person } : { national_id: options.who.nationalId };
  let url = `${interaction}/login`;
  let response = await go(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  for (let hops = 0; hops < 10; hops++) {
    if (response.status < 300 || response.status >= 400) {
      const said = /id="problem">([^<]*)</.exec(await response.text())?.[1];
      throw new Error(`sign-in refused (${response.status})${said ? `: ${said}` : ''}`);
    }
    url = next(response, url);
    if (url.startsWith(options.redirectUri)) {
      const back = new URL(url);
      if (back.searchParams.get('state') !== state) throw new Error('state mismatch');
      const code = back.searchParams.get('code');
      if (!code) throw new Error(`authorization refused: ${back.searchParams.get('error_description')}`);
      return tokenRequest(
        token_endpoint,
        new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: options.redirectUri,
          client_id: options.clientId,
          code_verifier: verifier,
        }),
      );
    }
    response = await go(url);
  }
  throw new Error('sign-in did not come back to the client');
}

/** A client's own token (client credentials): a courier's back-end. */
export function clientCredentials(options: { issuer: string; clientId: string; secret: string }): Promise<TokenSet> {
  return startingOver(() => clientCredentialsOnce(options));
}

async function clientCredentialsOnce(options: { issuer: string; clientId: string; secret: string }): Promise<TokenSet> {
  const { token_endpoint } = await endpoints(options.issuer);
  const basic = Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.secret)}`).toString(
    'base64',
  );
  return tokenRequest(token_endpoint, new URLSearchParams({ grant_type: 'client_credentials' }), `Basic ${basic}`);
}
