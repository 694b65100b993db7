/**
 * The signed-in person's bearer token, kept for this browser tab only
 * (sessionStorage: gone when the tab closes, never sent in a URL).
 */
const TOKEN_KEY = 'passport-renewal.token';

export type Role = 'citizen' | 'clerk' | 'operator' | 'carrier' | 'service';

export interface Session {
  token: string;
  role: Role;
  sub: string;
  office?: string;
  expiresAt: number;
}

/** The claims of a JWT, read (not verified: the API verifies every call) to know who is signed in. */
export function readToken(token: string): Session | undefined {
  try {
    const payload = token.split('.')[1];
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { role?: Role; sub?: string; office?: string; exp?: number };
    if (!claims.role || !claims.sub || !claims.exp) return undefined;
    if (claims.exp * 1000 <= Date.now()) return undefined;
    return { token, role: claims.role, sub: claims.sub, office: claims.office, expiresAt: claims.exp * 1000 };
  } catch {
    return undefined;
  }
}

export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? readToken(token) : undefined;
}

export function startSession(token: string): Session | undefined {
  const session = readToken(token);
  if (session) sessionStorage.setItem(TOKEN_KEY, token);
  return session;
}

export function endSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Where each role works. */
export const HOME_OF_ROLE: Partial<Record<Role, string>> = {
  citizen: '/pages/citizen',
  clerk: '/pages/counter',
  operator: '/pages/operator',
};

export function signInUrl(next: string): string {
  return `/pages/sign-in?next=${encodeURIComponent(next)}`;
}
