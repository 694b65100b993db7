import { Inject } from '@nestjs/common';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

/** Injects the Temporal client: `@InjectTemporalClient() client: Client`. */
export const InjectTemporalClient = () => Inject(TEMPORAL_CLIENT);
