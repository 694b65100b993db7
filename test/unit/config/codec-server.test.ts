import { loadCodecServerConfig } from '../../../src/config/codec-server';

describe('CODEC_CORS_ORIGINS configuration', () => {
  it('lists the Temporal UI origins, none by default', () => {
    expect(loadCodecServerConfig({}).corsOrigins).toEqual([]);
    expect(
      loadCodecServerConfig({ CODEC_CORS_ORIGINS: 'https://temporal.example.sa, http://localhost:8080' }).corsOrigins,
    ).toEqual(['https://temporal.example.sa', 'http://localhost:8080']);
  });

  it.each(['*', 'temporal.example.sa', 'https://temporal.example.sa/', 'https://temporal.example.sa/ui'])(
    'refuses %s: an origin is scheme, host and port, never a wildcard',
    (origin) => {
      expect(() => loadCodecServerConfig({ CODEC_CORS_ORIGINS: origin })).toThrow(/CODEC_CORS_ORIGINS must list/);
    },
  );

  it('raises DecodeBurst past 500 payloads a person in 10 minutes unless told otherwise', () => {
    expect(loadCodecServerConfig({}).decodeAlert).toEqual({ payloads: 500, windowMs: 600_000 });
    expect(
      loadCodecServerConfig({ CODEC_DECODE_ALERT_PAYLOADS: '50', CODEC_DECODE_ALERT_WINDOW_MS: '60000' }).decodeAlert,
    ).toEqual({ payloads: 50, windowMs: 60_000 });
    expect(() => loadCodecServerConfig({ CODEC_DECODE_ALERT_PAYLOADS: '0' })).toThrow(/CODEC_DECODE_ALERT_PAYLOADS/);
    expect(() => loadCodecServerConfig({ CODEC_DECODE_ALERT_WINDOW_MS: '10' })).toThrow(/CODEC_DECODE_ALERT_WINDOW_MS/);
  });
});
