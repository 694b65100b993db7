import type { SignInSettings } from '../../api/pages/page-settings';

/**
 * The signed-in person's session, kept in this tab's sessionStorage: it survives the full page loads between the
 * citizen's, the counter's and the operator's pages and a reload, is gone when the tab closes, is never shared with
 * another tab and never travels in a URL. Memory alone would sign the person out at every page load; localStorage
 * would outlive the tab. The pages' strict Content-Security-Policy (script from this origin only) is what keeps
 * other scripts from reading it.
 */
const SESSION_KEY = 'passport-renewal.session';

export type Role = 'citizen' | 'clerk' | 'operator' | 'courier';

export interface Session {
  accessToken: string;
  refreshToken?: string;
  /** For the provider's sign-out (id_token_hint). */
  idToken: string;
  /** When the access token expires, by this browser's clock (from `expires_in`, not the token's `exp`). */
  expiresAt: number;
  role: Role;
  office?: string;
  /** The person's name as the ID token gives it, and in Arabic when it does (`name#ar`). */
  name?: string;
  nameAr?: string;
}

const at = (claims: Record<string, unknown>, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
    claims,
  );

/** Who the ID token's claims say signed in, by the same claim mapping the API applies to access tokens. */
export function identityOf(
  claims: Record<string, unknown>,
  mapping: SignInSettings['claims'],
): Pick<Session, 'role' | 'office' | 'name' | 'nameAr'> | undefined {
  const raw = at(claims, mapping.role);
  const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
  const roles = [...new Set(values.map((value) => mapping.roleValues[String(value)]).filter(Boolean))];
  if (roles.length !== 1) return undefined;
  const nameKey = mapping.name.join('.');
  const name = at(claims, mapping.name);
  const nameAr = claims[`${nameKey}#ar`];
  const office = at(claims, mapping.office);
  return {
    role: roles[0] as Role,
    office: typeof office === 'string' ? office : undefined,
    name: typeof name === 'string' ? name : undefined,
    nameAr: typeof nameAr === 'string' ? nameAr : undefined,
  };
}

export function currentSession(): Session | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return saved && saved.expiresAt > Date.now() ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** The session even once its access token has expired: its refresh token may still renew it. */
export function savedSession(): Session | undefined {
  try {
    return (JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  window.dispatchEvent(new Event(SESSION_CHANGED));
}

export function endSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
  window.dispatchEvent(new Event(SESSION_CHANGED));
}

/** Fired on the window when the session is saved (signed in, renewed) or ended. */
export const SESSION_CHANGED = 'passport-renewal:session';

/** Where each role works. */
export const HOME_OF_ROLE: Partial<Record<Role, string>> = {
  citizen: '/pages/citizen',
  clerk: '/pages/counter',
  operator: '/pages/operator',
};
