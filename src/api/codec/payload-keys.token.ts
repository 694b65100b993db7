import { Inject } from '@nestjs/common';

/** The API's payload keys (src/config/payload-keys.ts), shared by its Temporal client and its codec endpoint. */
export const PAYLOAD_KEYS = Symbol('PAYLOAD_KEYS');

export const InjectPayloadKeys = () => Inject(PAYLOAD_KEYS);
