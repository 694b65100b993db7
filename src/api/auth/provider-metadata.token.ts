import { Inject } from '@nestjs/common';

export const PROVIDER_METADATA = Symbol('PROVIDER_METADATA');

/** Injects the OpenID provider's discovery document as read at start: `@InjectProviderMetadata() m: ProviderMetadata`. */
export const InjectProviderMetadata = () => Inject(PROVIDER_METADATA);
