import { Inject, Optional, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal';

/**
 * The embedded development stack's one exception to bearer tokens: the Temporal
 * dev server's UI, running on the same machine, calls the codec endpoint from
 * the operator's browser without any token. Only `npm start` provides a
 * `LocalUiTrust` (dev/embedded/main.ts passes it as a value); everywhere else the
 * token is `undefined` and the routes below need an operator token like any other.
 */
export interface LocalUiTrust {
  /** Whether this request comes from the local UI's own origin, on the loopback interface, with no token. */
  admits(request: Request): boolean;
}

export const LOCAL_UI_TRUST = Symbol('LOCAL_UI_TRUST');
export const InjectLocalUiTrust = () => (target: object, key: string | symbol | undefined, index: number) => {
  Optional()(target, key, index);
  Inject(LOCAL_UI_TRUST)(target, key, index);
};

export const LOCAL_UI_METADATA = 'passport-renewal:local-ui';

/** On a `@Roles('operator')` route: the embedded stack's local UI may call it without a token. */
export const LocalUiMayCall = () => SetMetadata(LOCAL_UI_METADATA, true);

/** Who the local UI acts as: an operator, as the embedded stack's single developer is. */
export const LOCAL_UI_PRINCIPAL: Principal = {
  role: 'operator',
  subject: 'local-temporal-ui',
  actorId: 'local-temporal-ui',
  actor: 'operator:local-temporal-ui',
};
