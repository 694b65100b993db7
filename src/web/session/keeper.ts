import { useEffect, useState } from 'preact/hooks';
import { renewSession } from './provider';
import { currentSession, SESSION_CHANGED, type Session } from './session';

/** The session is renewed this long before its access token expires; if that fails, the person is warned. */
export const RENEW_AHEAD_MS = 2 * 60_000;

/** The session as it is now, re-read whenever it is saved, renewed, ended, or runs out. */
export function useSession(): Session | undefined {
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    const update = () => setSession(currentSession());
    window.addEventListener(SESSION_CHANGED, update);
    const ends = session ? setTimeout(update, Math.max(0, session.expiresAt - Date.now()) + 50) : undefined;
    return () => {
      window.removeEventListener(SESSION_CHANGED, update);
      clearTimeout(ends);
    };
  }, [session?.expiresAt]);
  return session;
}

/**
 * Keeps the session alive while a page is open: two minutes before the access token expires it is renewed with
 * the refresh token (the provider's session permitting). Should that fail (signed out at the provider, the
 * session's own end), `warning` says so two minutes ahead, so the person can sign in again; the forms keep what
 * was typed (see drafts.ts), and the sign-in brings them back to this page.
 */
export function useSessionKeeper(session: Session | undefined): { warning: boolean } {
  const [warning, setWarning] = useState(false);
  useEffect(() => {
    setWarning(false);
    if (!session) return;
    const timer = setTimeout(
      () => void renewSession().catch(() => setWarning(true)),
      Math.max(0, session.expiresAt - Date.now() - RENEW_AHEAD_MS),
    );
    return () => clearTimeout(timer);
  }, [session?.accessToken]);
  return { warning };
}
