import { loadApiConfig } from '../../../src/config/api';
import { DEV_WEBHOOK_SECRETS, devWebhookSecret } from '../../../src/config/webhook-secrets';
import { WEBHOOK_PARTNERS } from '../../../workflows/contract';
import { isoDurationMs } from '../../../src/api/shared/validation/iso-duration';
import { canonicalJson } from '../../../src/api/idempotency/canonical-json';
import { derivedUuid } from '../../../src/api/idempotency/idempotency-context';

describe('API configuration', () => {
  it('verifies with the development secrets the partner sandboxes sign with', () => {
    for (const partner of WEBHOOK_PARTNERS) {
      expect(devWebhookSecret(partner)).toBe(DEV_WEBHOOK_SECRETS[partner]);
      expect(loadApiConfig({}).webhookSecrets[partner]).toBe(DEV_WEBHOOK_SECRETS[partner]);
    }
    expect(devWebhookSecret('sadad')).toBe('whsec_' + Buffer.from('dev-sadad-webhook-secret-0001').toString('base64'));
  });

  it('refuses to run in production on development secrets', () => {
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow(/API_PSEUDONYM_KEY must be set in production/);
    const production = {
      NODE_ENV: 'production',
      API_PSEUDONYM_KEY: 'a-production-pseudonym-key-of-32-chars!',
      WEBHOOK_SECRET_SADAD: 'whsec_' + Buffer.from('live-sadad-0000000001').toString('base64'),
      WEBHOOK_SECRET_WASEL: 'whsec_' + Buffer.from('live-wasel-0000000001').toString('base64'),
      WEBHOOK_SECRET_PRINT_CENTRE: 'whsec_' + Buffer.from('live-print-000000001').toString('base64'),
    };
    expect(() => loadApiConfig(production)).toThrow(/WEBHOOK_SECRET_SAUDI_POST must be set in production/);
    const complete = {
      ...production,
      WEBHOOK_SECRET_SAUDI_POST: 'whsec_' + Buffer.from('live-post-0000000001').toString('base64'),
    };
    expect(loadApiConfig(complete).pseudonymKey).toBe(complete.API_PSEUDONYM_KEY);
  });

  it('refuses malformed settings with the variable named', () => {
    expect(() => loadApiConfig({ API_PSEUDONYM_KEY: 'short' })).toThrow(/API_PSEUDONYM_KEY must be at least 32/);
    expect(() => loadApiConfig({ API_STREAMS_PER_PERSON: '0' })).toThrow(/API_STREAMS_PER_PERSON/);
    expect(loadApiConfig({}).streams).toEqual({ perPerson: 3, perReplica: 2000 });
    expect(() => loadApiConfig({ WEBHOOK_SECRET_WASEL: 'plain-text-secret-here' })).toThrow(/WEBHOOK_SECRET_WASEL/);
    expect(() => loadApiConfig({ API_RATE_LIMIT_CITIZEN: '0' })).toThrow(/API_RATE_LIMIT_CITIZEN/);
    expect(loadApiConfig({ API_RATE_LIMIT_CITIZEN: '120' }).rateLimit.citizenLimit).toBe(120);
  });
});

describe('API helpers', () => {
  it('reads ISO 8601 durations of days, hours, minutes and seconds only', () => {
    expect(isoDurationMs('PT48H')).toBe(48 * 3600_000);
    expect(isoDurationMs('P1DT12H30M')).toBe((36 * 60 + 30) * 60_000);
    expect(isoDurationMs('PT90S')).toBe(90_000);
    for (const refused of ['P1M', 'P1Y', 'P', 'PT', '48H', 'PT-1H', 'P1W'])
      expect(isoDurationMs(refused)).toBeUndefined();
  });

  it('hashes request bodies whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
  });

  it('derives one UUID per caller and key', () => {
    const a = derivedUuid({ scope: 'citizen:abc', key: 'k1' }, 'renewal');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedUuid({ scope: 'citizen:abc', key: 'k1' }, 'renewal')).toBe(a);
    expect(derivedUuid({ scope: 'citizen:xyz', key: 'k1' }, 'renewal')).not.toBe(a);
    expect(derivedUuid({ scope: 'citizen:abc', key: 'k2' }, 'renewal')).not.toBe(a);
  });
});
