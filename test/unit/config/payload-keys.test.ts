import type { DataSource } from 'typeorm';
import { loadPayloadKeysConfig, requirePayloadKeys } from '../../../src/config/payload-keys';
import { loadWorkerProcessConfig } from '../../../src/config/processes';
import { devWebhookSecret } from '../../../src/config/webhook-secrets';
import { createRenewalWorker } from '../../../src/worker/worker';

const KEY_A = 'va5fTBWSnnmNMOEF47HXr4+ZVXBqoNkRbqmJfDPxSs8=';
const KEY_B = 'EL3erWrDxXlwINWgKakt7M9K8M/u8OOsA9C/DM0vQ5U=';

describe('PAYLOAD_KEYS configuration', () => {
  it('reads id:base64 pairs and the current key id', () => {
    const config = loadPayloadKeysConfig({
      PAYLOAD_KEYS: `2025-q4:${KEY_A}, 2026-q1:${KEY_B}`,
      PAYLOAD_KEY_CURRENT: '2026-q1',
    });
    expect(config?.currentKeyId).toBe('2026-q1');
    expect([...config!.keys.keys()]).toEqual(['2025-q4', '2026-q1']);
    expect(config!.keys.get('2025-q4')).toEqual(Buffer.from(KEY_A, 'base64'));
  });

  it('takes the only key as current when PAYLOAD_KEY_CURRENT is unset', () => {
    expect(loadPayloadKeysConfig({ PAYLOAD_KEYS: `k1:${KEY_A}` })?.currentKeyId).toBe('k1');
  });

  it('is unset outside production when no key is given, and refused in production', () => {
    expect(loadPayloadKeysConfig({})).toBeUndefined();
    expect(() => requirePayloadKeys(loadPayloadKeysConfig({}))).toThrow(/PAYLOAD_KEYS is not set/);
    expect(() => loadPayloadKeysConfig({ NODE_ENV: 'production' })).toThrow(/PAYLOAD_KEYS must be set in production/);
    expect(() => loadPayloadKeysConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: ' ' })).toThrow(/production/);
  });

  it.each([
    [`k1:${KEY_A},k2:${KEY_B}`, undefined, /PAYLOAD_KEY_CURRENT must name one/],
    [`k1:${KEY_A}`, 'k9', /PAYLOAD_KEY_CURRENT "k9" is not among the PAYLOAD_KEYS ids \(k1\)/],
    [`k1:${KEY_A},k1:${KEY_B}`, 'k1', /key id "k1" twice/],
    [KEY_A, undefined, /entry 1 must be <id>:<base64>/],
    [`bad id:${KEY_A}`, undefined, /entry 1 must be <id>:<base64>/],
    ['k1:c2hvcnQ=', undefined, /key "k1" must be the base64 of exactly 32 random bytes/],
    [`k1:${KEY_A.slice(0, -1)}!`, undefined, /key "k1" must be the base64/],
  ])('refuses PAYLOAD_KEYS=%s (current %s), never printing a key', (keys, current, message) => {
    let error: Error | undefined;
    try {
      loadPayloadKeysConfig({ PAYLOAD_KEYS: keys, PAYLOAD_KEY_CURRENT: current });
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(KEY_A.slice(0, 12));
    expect(error?.message).not.toContain(KEY_B.slice(0, 12));
  });

  it('keeps a production worker from starting without keys, before it connects anywhere', async () => {
    // Without keys the worker refuses before connecting (the address leads nowhere)...
    const config = loadWorkerProcessConfig({ TEMPORAL_ADDRESS: '127.0.0.1:1' });
    await expect(createRenewalWorker(config, {} as DataSource)).rejects.toThrow(/PAYLOAD_KEYS is not set/);
    // ...and in production its configuration does not even load. (Webhook secrets of its own, so that is the reason.)
    const secrets = Object.fromEntries(
      ['SADAD', 'WASEL', 'PRINT_CENTRE', 'SAUDI_POST'].map((partner) => [
        `WEBHOOK_SECRET_${partner}`,
        devWebhookSecret('sadad').replace('whsec_', `whsec_${partner.slice(0, 2)}`),
      ]),
    );
    const production = { NODE_ENV: 'production', TEMPORAL_ADDRESS: '127.0.0.1:1', PAYLOAD_KEYS: '', ...secrets };
    expect(() => loadWorkerProcessConfig(production)).toThrow(/PAYLOAD_KEYS must be set in production/);
  });
});
