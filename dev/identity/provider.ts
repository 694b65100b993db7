import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// TypeScript (module commonjs) emits require('oidc-provider'), which Node >= 20.19 serves from the ES module.
import { errors, Provider } from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import {
  type Carrier,
  CLIENT_IDS,
  type ClientOptions,
  clientRegistrations,
  isLoopbackPagesUri,
  PAGES_CALLBACK_PATH,
  PAGES_SIGNED_OUT_PATH,
} from './clients';
import { errorPage, logoutPage, signedOutPage } from './html';
import { handleInteraction } from './interactions';
import { SigningKeys } from './keys';
import { type CitizenDirectory, SandboxPeople, type SandboxPerson } from './people';
import { SandboxStore } from './store';

/** The resource indicator the API is known by (RFC 8707) and the audience its tokens carry. */
export const API_RESOURCE = 'urn:passport-renewal:api';
export const API_AUDIENCE = 'passport-renewal-api';
/** What a first-party client is granted without a consent page. */
const GRANTED = { oidc: 'openid profile offline_access', resource: API_RESOURCE, resourceScope: 'api' };

export interface IdentitySecrets {
  /** Key of the citizens' opaque `sub` (a keyed hash of the national ID). */
  subjectKey: string;
  courierSecrets: Record<Carrier, string>;
  temporalUiSecret: string;
}

export interface IdentityProviderOptions {
  /** 0 (the default): a free port. */
  port?: number;
  /** Interface to listen on; the issuer names it too (127.0.0.1 unless in a container). */
  host?: string;
  /** Origins the pages are served from besides this machine's (any loopback port is allowed): sign-in returns there. */
  pagesOrigins?: readonly string[];
  secrets: IdentitySecrets;
  /** The Temporal UI server's callback, if it signs operators in here (the confidential `temporal-ui` client). */
  temporalUi?: { redirectUris: string[]; postLogoutRedirectUris?: string[] };
  /** Names of citizens the seed does not list (the registry sandbox's), for the ID token. */
  directory?: CitizenDirectory;
  accessTokenTtlSeconds?: number;
}

export interface RunningIdentityProvider {
  issuer: string;
  /** The kids in the published JWKS, signing key first. */
  kids(): string[];
  /** A new signing key signs from now on; the previous keys stay published. Returns its kid. */
  rotateSigningKey(): string;
  /** Drops every older RS256 key from the JWKS. Returns their kids. */
  retireOldKeys(): string[];
  stop(): Promise<void>;
}

const claimsOf = (person: SandboxPerson) => ({
  role: person.role,
  ...(person.nationalId ? { national_id: person.nationalId } : {}),
  ...(person.office ? { office: person.office } : {}),
  ...person.extraClaims,
});

/** The pages' client may return to any loopback port (see isLoopbackPagesUri); every other client as registered. */
function allowLoopbackPages(provider: Provider): void {
  const client = provider.Client.prototype as unknown as {
    clientId: string;
    redirectUriAllowed(uri: string): boolean;
    postLogoutRedirectUriAllowed(uri: string): boolean;
  };
  const { redirectUriAllowed, postLogoutRedirectUriAllowed } = client;
  client.redirectUriAllowed = function (uri) {
    return (
      redirectUriAllowed.call(this, uri) ||
      (this.clientId === CLIENT_IDS.pages && isLoopbackPagesUri(uri, PAGES_CALLBACK_PATH))
    );
  };
  client.postLogoutRedirectUriAllowed = function (uri) {
    return (
      postLogoutRedirectUriAllowed.call(this, uri) ||
      (this.clientId === CLIENT_IDS.pages && isLoopbackPagesUri(uri, PAGES_SIGNED_OUT_PATH))
    );
  };
}

/**
 * The sandbox identity provider of `npm start`, the cluster, the chaos run and the tests: oidc-provider (panva's
 * OpenID Certified library) with the sandbox's people, a person picker for a login page, and JWT access tokens for
 * the API (RS256, `typ: at+jwt`, `aud` passport-renewal-api, five minutes) carrying the role, a citizen's national
 * ID, a clerk's office, a courier's carrier. The pages, the token CLI, the couriers' back-ends and the Temporal UI
 * are its clients. It signs anyone in who is picked: a sandbox, never started under NODE_ENV=production.
 */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error(
      'The sandbox identity provider signs in whoever is picked: it never runs under NODE_ENV=production',
    );
  }
  const host = options.host ?? '127.0.0.1';
  const ttl = options.accessTokenTtlSeconds ?? 300;
  const people = new SandboxPeople(options.secrets.subjectKey, options.directory);
  const accounts = new Map(people.listed().map((person) => [person.id, person]));
  const keys = new SigningKeys();
  const store = new SandboxStore();
  const sweeper = setInterval(() => store.sweep(), 60_000).unref();
  const clientOptions: ClientOptions = {
    pagesOrigins: options.pagesOrigins?.length ? options.pagesOrigins : ['http://localhost:3000'],
    courierSecrets: options.secrets.courierSecrets,
    temporalUi: options.temporalUi && { ...options.temporalUi, secret: options.secrets.temporalUiSecret },
  };

  // Listen first: the issuer names the port.
  let handler: (request: IncomingMessage, response: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((request, response) => handler(request, response));
  // Longer than any client keeps an idle connection (fetch: 4 s), so none sends on one the server is closing.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const configuration = (): Configuration => ({
    adapter: store.adapterFactory,
    clients: clientRegistrations(clientOptions),
    extraClientMetadata: { properties: ['role', 'carrier'] },
    jwks: { keys: keys.all },
    cookies: { keys: [options.secrets.subjectKey] },
    responseTypes: ['code'], // no implicit or hybrid flow is even advertised
    scopes: ['openid', 'offline_access', 'profile', 'api'],
    // The ID token tells the pages who signed in (name, role, office); the national ID stays in the access token.
    claims: { openid: ['sub'], profile: ['name', 'name#ar', 'role', 'office'] },
    conformIdTokenClaims: false,
    // PKCE (S256, the only method offered) for every client but a Temporal UI, which sends none unless told to.
    pkce: { required: (_ctx, client) => client.clientId !== CLIENT_IDS.temporalUi },
    // The pages call the token endpoint from their own origin (the code exchange, renewals).
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientAuthMethod === 'none' &&
      ((client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin) ||
        (client.clientId === CLIENT_IDS.pages &&
          isLoopbackPagesUri(`${origin}${PAGES_CALLBACK_PATH}`, PAGES_CALLBACK_PATH))),
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      IdToken: ttl,
      AuthorizationCode: 60,
      RefreshToken: 30 * 60,
      Interaction: 10 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = logoutPage(form, Boolean(ctx.oidc.params?.id_token_hint));
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // Every token is for the API: the pages and the CLI need not name it.
        defaultResource: async () => API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience: API_AUDIENCE,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    async findAccount(_ctx, sub) {
      const person = accounts.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: person.name, 'name#ar': person.nameAr, ...claimsOf(person) }),
      };
    },
    async extraTokenClaims(ctx: KoaContextWithOIDC, token) {
      if (token.kind === 'ClientCredentials') {
        const client = ctx.oidc.client as unknown as { role?: string; carrier?: string } | undefined;
        return { role: client?.role, ...(client?.carrier ? { carrier: client.carrier } : {}) };
      }
      const accountId = 'accountId' in token ? (token.accountId as string | undefined) : undefined;
      const person = accountId ? accounts.get(accountId) : undefined;
      return person ? claimsOf(person) : undefined;
    },
    // Refresh tokens for the public pages without offline_access; they still end with the session.
    async issueRefreshToken(_ctx, client, code) {
      return (
        client.grantTypeAllowed('refresh_token') &&
        (code.scopes.has('offline_access') || client.clientAuthMethod === 'none')
      );
    },
    // Every client is first-party: consent is implied (no consent page), the grant covers what was asked for.
    async loadExistingGrant(ctx) {
      const clientId = ctx.oidc.client!.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope(GRANTED.oidc);
      grant.addResourceScope(GRANTED.resource, GRANTED.resourceScope);
      await grant.save();
      return grant;
    },
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error), out.error_description as string | undefined);
    },
  });

  // A key rotation builds a new Provider over the same listener and store: sessions and grants survive it.
  const install = () => {
    const provider = new Provider(issuer, configuration());
    allowLoopbackPages(provider);
    const callback = provider.callback();
    handler = (request, response) => {
      if (request.url?.startsWith('/interaction/'))
        void handleInteraction(provider, GRANTED, people, accounts, request, response);
      else callback(request, response);
    };
  };
  install();

  return {
    issuer,
    kids: () => keys.kids(),
    rotateSigningKey() {
      const kid = keys.rotate();
      install();
      return kid;
    },
    retireOldKeys() {
      const retired = keys.retireOld();
      install();
      return retired;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(sweeper);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
