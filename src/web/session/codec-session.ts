import { useEffect } from 'preact/hooks';
import { authHeaders } from '../api/http';
import type { Session } from './session';

/**
 * The operator's codec session: the desk hands the API the operator's token to keep as an HttpOnly cookie for
 * /codec only, which the Temporal UI (told to include credentials) sends to decode payloads. Opened at sign-in and
 * again with every renewed token, so it lasts as long as the desk keeps the session; closed at sign-out.
 */
export function useCodecSession(session: Session): void {
  useEffect(() => {
    void authHeaders().then((headers) =>
      fetch('/codec/session', { method: 'POST', headers, credentials: 'same-origin' }).catch(() => undefined),
    );
  }, [session.accessToken]);
}

/** Ends the codec session (sign-out, while the token still works): the cookie is HttpOnly, so only the API can clear it. */
export function closeCodecSession(accessToken: string): void {
  void fetch('/codec/session', {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${accessToken}` },
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}
