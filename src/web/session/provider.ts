import * as oauth from 'oauth4webapi';
import type { SignInSettings } from '../../api/pages/page-settings';
import { readPageSettings } from '../settings';
import { closeCodecSession } from './codec-session';
import { endSession, identityOf, savedSession, saveSession, type Session } from './session';

/**
 * Sign-in through the identity provider with Authorization Code + PKCE (S256), `state` and `nonce`, by
 * oauth4webapi: the tokens come from the provider's token endpoint, in answer to a code only this tab can redeem
 * (it alone holds the verifier), never from a URL. The pages are a public client: no secret anywhere.
 */

/** What a sign-in in progress keeps in this tab until the provider sends the person back. */
const PENDING_KEY = 'passport-renewal.sign-in';

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

const CALLBACK_PATH = '/pages/callback';
const SIGNED_OUT_PATH = '/pages/signed-out';

function provider(settings: SignInSettings = readPageSettings().signIn) {
  const as: oauth.AuthorizationServer = {
    issuer: settings.issuer,
    authorization_endpoint: settings.authorizationEndpoint,
    token_endpoint: settings.tokenEndpoint,
    end_session_endpoint: settings.endSessionEndpoint,
  };
  const client: oauth.Client = { client_id: settings.clientId };
  // Plain http only for a provider on this machine (the sandbox of `npm start`); anywhere else, https.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(settings.tokenEndpoint).hostname);
  return { as, client, settings, options: { [oauth.allowInsecureRequests]: loopback } };
}

/** A path of these pages to come back to after signing in (never another origin's URL). */
function safeReturn(path: string): string {
  return /^\/pages\/[a-z-]+$/.test(path) ? path : '/pages/citizen';
}

/** Off to the provider's sign-in; back at /pages/callback, then at `returnTo`. */
export async function startSignIn(returnTo: string): Promise<void> {
  const { as, settings } = provider();
  const pending: Pending = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    returnTo: safeReturn(returnTo),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    response_type: 'code',
    scope: settings.scope,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    ui_locales: document.documentElement.lang || 'ar',
  }).toString();
  location.assign(url.href);
}

function sessionFrom(tokens: oauth.TokenEndpointResponse, previous?: Session): Session {
  const { settings } = provider();
  const idToken = tokens.id_token ?? previous?.idToken;
  const claims = oauth.getValidatedIdTokenClaims(tokens) as Record<string, unknown> | undefined;
  const identity = claims ? identityOf(claims, settings.claims) : previous;
  if (!idToken || !identity) throw new Error('The provider did not say who signed in, or named no role of ours');
  return {
    ...identity,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? previous?.refreshToken,
    idToken,
    expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000,
  };
}

/**
 * At /pages/callback: checks the answer is to this tab's own sign-in (`state`), redeems the code with the PKCE
 * verifier, checks the ID token's `nonce`, keeps the session and says where to go. The code is good once, for
 * this tab only, and leaves the address bar at once.
 */
export async function completeSignIn(): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING_KEY);
  const answer = new URL(location.href);
  history.replaceState(null, '', CALLBACK_PATH);
  if (!pending) throw new Error('No sign-in was started in this tab');
  const { as, client, options } = provider();
  const parameters = oauth.validateAuthResponse(as, client, answer, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    parameters,
    `${location.origin}${CALLBACK_PATH}`,
    pending.verifier,
    options,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  saveSession(sessionFrom(tokens));
  return pending.returnTo;
}

let renewing: Promise<Session> | undefined;

/** A new access token with the refresh token (one renewal at a time, however many callers ask). */
export function renewSession(): Promise<Session> {
  renewing ??= (async () => {
    const session = savedSession();
    if (!session?.refreshToken) throw new Error('Nothing to renew the session with');
    const { as, client, options } = provider();
    const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), session.refreshToken, options);
    const renewed = sessionFrom(await oauth.processRefreshTokenResponse(as, client, response), session);
    saveSession(renewed);
    return renewed;
  })().finally(() => (renewing = undefined));
  return renewing;
}

/** Signs out here and at the provider (RP-initiated logout), which sends the person to /pages/signed-out. */
export function signOut(): void {
  const session = savedSession();
  if (session?.role === 'operator') closeCodecSession(session.accessToken);
  endSession();
  const { as, settings } = provider();
  if (!as.end_session_endpoint) {
    location.assign(SIGNED_OUT_PATH);
    return;
  }
  const url = new URL(as.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    post_logout_redirect_uri: `${location.origin}${SIGNED_OUT_PATH}`,
    ...(session ? { id_token_hint: session.idToken } : {}),
  }).toString();
  location.assign(url.href);
}
