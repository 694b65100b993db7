/**
 * What a page's script is told about this deployment (nothing secret), in a
 * JSON block of the page shell. Shared by the server and the pages' sources,
 * so it imports nothing.
 */
export const PAGES = ['citizen', 'counter', 'operator', 'sign-in', 'callback', 'signed-out'] as const;
export type PageName = (typeof PAGES)[number];

/** The OpenID provider the pages sign people in with (Authorization Code + PKCE), as the API discovered it. */
export interface SignInSettings {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Where a sign-out ends the provider's session too (RP-initiated logout), if the provider offers it. */
  endSessionEndpoint?: string;
  /** The pages' public client. */
  clientId: string;
  scope: string;
  /**
   * Where the ID token says who signed in (paths through nested claims), mapped as the API maps the access
   * token's: the pages show the name and send each role to its page; the API decides what they may do.
   */
  claims: { name: string[]; role: string[]; roleValues: Record<string, string>; office: string[] };
}

export interface PageSettings {
  page: PageName;
  /** Root of the Temporal UI, for the operator's links to a workflow. */
  temporalUiUrl: string;
  temporalNamespace: string;
  signIn: SignInSettings;
}

export const PAGE_SETTINGS_ELEMENT_ID = 'page-settings';
