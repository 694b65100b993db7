import { loadCodecServerConfig } from '../../../src/config/codec-server';

describe('CODEC_CORS_ORIGINS configuration', () => {
  it('lists the Temporal UI origins, none by default', () => {
    expect(loadCodecServerConfig({})).toEqual({ corsOrigins: [] });
    expect(loadCodecServerConfig({ CODEC_CORS_ORIGINS: 'https://temporal.example.sa, http://localhost:8080' })).toEqual(
      { corsOrigins: ['https://temporal.example.sa', 'http://localhost:8080'] },
    );
  });

  it.each(['*', 'temporal.example.sa', 'https://temporal.example.sa/', 'https://temporal.example.sa/ui'])(
    'refuses %s: an origin is scheme, host and port, never a wildcard',
    (origin) => {
      expect(() => loadCodecServerConfig({ CODEC_CORS_ORIGINS: origin })).toThrow(/CODEC_CORS_ORIGINS must list/);
    },
  );
});
