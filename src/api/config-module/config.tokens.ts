import { Inject } from '@nestjs/common';
import type { ApiSlice } from '../../config/processes';

/** The provider token of one slice of the API's configuration (src/config/slices.ts). */
export const configToken = (slice: ApiSlice) => `config:${slice}`;

/** Injects one slice of the API's configuration: `@InjectConfig('api') api: ApiConfig`. */
export const InjectConfig = (slice: ApiSlice) => Inject(configToken(slice));
