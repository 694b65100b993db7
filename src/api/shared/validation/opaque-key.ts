/**
 * A key the caller chooses and the API only compares (Idempotency-Key, webhook-id): 1 to 255 visible ASCII
 * characters, `!` to `~`. Spelled with the characters themselves rather than `\x21-\x7e` escapes, which
 * schemathesis' pattern translation mishandles (it then generates requests the document does not describe).
 */
export const OPAQUE_KEY = /^[!-~]{1,255}$/;

/** How the OpenAPI document declares such a header, so a client (or a fuzzer) knows what the API accepts. */
export const OPAQUE_KEY_SCHEMA = { type: 'string', pattern: OPAQUE_KEY.source, minLength: 1, maxLength: 255 } as const;
