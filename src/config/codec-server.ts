import { type Env, integerAtLeast, readEnv } from './env';

/**
 * The API's codec endpoint (POST /codec/decode, /codec/encode), which the
 * Temporal UI calls from the operator's browser:
 *
 *   CODEC_CORS_ORIGINS=<origin>[,<origin>...]   the UI's origins, e.g. https://temporal.example.sa
 *
 * No other origin gets CORS headers. The embedded stack adds its own UI's
 * loopback origins by value (dev/embedded/main.ts), not through this variable.
 *
 * Every decode is written to the decode log; one person decoding more than
 * CODEC_DECODE_ALERT_PAYLOADS payloads (500) within CODEC_DECODE_ALERT_WINDOW_MS
 * (10 minutes), over all API replicas, raises the DecodeBurst alert.
 */
export interface CodecServerConfig {
  corsOrigins: string[];
  decodeAlert: { payloads: number; windowMs: number };
}

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

export function loadCodecServerConfig(env: Env): CodecServerConfig {
  const corsOrigins = (env.CODEC_CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const bad = corsOrigins.find((origin) => !ORIGIN.test(origin));
  if (bad) throw new Error(`CODEC_CORS_ORIGINS must list origins like https://host[:port], got "${bad}"`);
  return {
    corsOrigins,
    decodeAlert: {
      payloads: readEnv(env, 'CODEC_DECODE_ALERT_PAYLOADS', 500, integerAtLeast(1), 'an integer >= 1'),
      windowMs: readEnv(env, 'CODEC_DECODE_ALERT_WINDOW_MS', 600_000, integerAtLeast(1000), 'milliseconds >= 1000'),
    },
  };
}
