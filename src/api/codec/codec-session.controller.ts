import { Delete, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/access.decorators';
import { CODEC_SESSION_COOKIE, CODEC_SESSION_PATH } from '../auth/codec-session';
import type { Principal } from '../auth/principal';
import { SkipIdempotencyKey } from '../idempotency/idempotency.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';

/** The bearer token the session is made of (the guard has verified it, and found an operator's). */
const bearerOf = (request: Request) => /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';

/**
 * The codec session: the operator's desk, once the operator has signed in, calls `POST /codec/session` with their
 * bearer token and gets it back as an HttpOnly cookie scoped to /codec, ending when the token does. A Temporal UI
 * that cannot forward the operator's token (the embedded dev server's) sends that cookie to the codec endpoint when
 * its codec setting "include cross-origin credentials" is on. Nothing but the codec routes reads the cookie; the
 * desk ends it at sign-out.
 */
@RoleController({ path: 'codec/session', role: 'operator', tag: 'codec' })
@SkipIdempotencyKey()
export class CodecSessionController {
  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Open a codec session for the Temporal UI, bound to the operator's token" })
  @ApiNoContentResponse({ description: 'Set-Cookie: the session, HttpOnly, Path=/codec, expiring with the token' })
  open(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res({ passthrough: true }) res: Response) {
    res.cookie(CODEC_SESSION_COOKIE, bearerOf(request), {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: CODEC_SESSION_PATH,
      maxAge: Math.max(0, principal.expiresAt - Date.now()),
    });
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the codec session (sign-out)' })
  @ApiNoContentResponse({ description: 'Set-Cookie: the session cleared' })
  close(@Req() request: Request, @Res({ passthrough: true }) res: Response) {
    res.clearCookie(CODEC_SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: CODEC_SESSION_PATH,
    });
  }
}
