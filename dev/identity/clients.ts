import type { ClientMetadata } from 'oidc-provider';

/** The client ids the rest of the harness (token CLI, tests, launchers) names. */
export const CLIENT_IDS = {
  pages: 'passport-renewal-pages',
  cli: 'passport-renewal-cli',
  temporalUi: 'temporal-ui',
} as const;

/** The couriers' back-ends: one client each, with the carrier its tokens name (the API scopes envelopes by it). */
export const COURIER_CLIENTS = {
  SPL: { clientId: 'courier-spl', name: 'Saudi Post courier back-end' },
  SMSA: { clientId: 'courier-smsa', name: 'SMSA Express courier back-end' },
} as const;
export type Carrier = keyof typeof COURIER_CLIENTS;

export const PAGES_CALLBACK_PATH = '/pages/callback';
export const PAGES_SIGNED_OUT_PATH = '/pages/signed-out';

/**
 * The pages' return addresses on any port of this machine: the pages of `npm start`, a test's API on a free port
 * or the cluster's balancer. RFC 8252 §7.3 lets a native app do so; the sandbox extends it to the pages' own two
 * paths on the loopback hosts, nothing else.
 */
export function isLoopbackPagesUri(uri: string, path: string): boolean {
  const url = URL.parse(uri);
  return (
    url !== null &&
    url.protocol === 'http:' &&
    ['localhost', '127.0.0.1'].includes(url.hostname) &&
    url.pathname === path &&
    !url.search &&
    !url.hash &&
    !url.username
  );
}

/** Where the token CLI says it would be called back: a native app's loopback URI, never listened on. */
export const CLI_REDIRECT_URI = 'http://127.0.0.1/callback';

export interface ClientOptions {
  /** Origins the pages are served from besides this machine's (any loopback port is allowed anyway). */
  pagesOrigins: readonly string[];
  courierSecrets: Record<Carrier, string>;
  /** The Temporal UI server, a confidential client, if one signs operators in through this provider. */
  temporalUi?: { redirectUris: string[]; postLogoutRedirectUris?: string[]; secret: string };
}

/**
 * The clients the sandbox provider knows: the pages (public: Authorization Code + PKCE, refresh tokens that end
 * with the session), the token CLI (a public native client, same flow), each courier back-end (client credentials,
 * with its role and carrier as client metadata) and, when asked, the Temporal UI (confidential, code flow).
 */
export function clientRegistrations(options: ClientOptions): ClientMetadata[] {
  return [
    {
      client_id: CLIENT_IDS.pages,
      client_name: 'Passport renewal',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: options.pagesOrigins.map((origin) => `${origin}${PAGES_CALLBACK_PATH}`),
      post_logout_redirect_uris: options.pagesOrigins.map((origin) => `${origin}${PAGES_SIGNED_OUT_PATH}`),
    },
    {
      client_id: CLIENT_IDS.cli,
      client_name: 'npm run token',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [CLI_REDIRECT_URI],
    },
    ...Object.entries(COURIER_CLIENTS).map(([carrier, client]) => ({
      client_id: client.clientId,
      client_name: client.name,
      client_secret: options.courierSecrets[carrier as Carrier],
      token_endpoint_auth_method: 'client_secret_basic' as const,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      role: 'courier',
      carrier,
    })),
    ...(options.temporalUi
      ? [
          {
            client_id: CLIENT_IDS.temporalUi,
            client_name: 'Temporal UI',
            client_secret: options.temporalUi.secret,
            token_endpoint_auth_method: 'client_secret_basic' as const,
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code' as const],
            redirect_uris: options.temporalUi.redirectUris,
            post_logout_redirect_uris: options.temporalUi.postLogoutRedirectUris ?? [],
          },
        ]
      : []),
  ];
}
