import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The operator's session for the codec endpoint only: an HttpOnly cookie holding their access token, which the
 * Temporal UI sends with its codec calls when told to include credentials (it cannot send a bearer header of ours).
 * It lives no longer than the token, is scoped to `/codec`, is verified like a bearer token on every call, and
 * no other route reads it.
 */
export const CODEC_SESSION_COOKIE = 'passport_renewal_codec';
export const CODEC_SESSION_PATH = '/codec';

export const CODEC_SESSION_METADATA = 'passport-renewal:codec-session';

/** On the codec routes: the guard also takes the codec session cookie (a bearer header still wins). */
export const AcceptsCodecSession = () => SetMetadata(CODEC_SESSION_METADATA, true);

/** One cookie of the request, if sent (no cookie middleware runs: only this guard and the codec read cookies). */
export function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}
