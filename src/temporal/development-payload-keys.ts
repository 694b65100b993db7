import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePayloadKeys, PayloadKeysConfig } from '../config/payload-keys';

/**
 * The embedded stack's payload key when PAYLOAD_KEYS is unset: generated once
 * into its data folder (readable by its owner only) and reused on every later
 * start, so the workflows it keeps in its Temporal database stay readable.
 * The file holds the two variables as they would be set in the environment.
 */
export function developmentPayloadKeys(dataDir: string): PayloadKeysConfig {
  const file = join(dataDir, 'payload-keys.json');
  if (!existsSync(file)) {
    const id = `dev-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
    const variables = { PAYLOAD_KEYS: `${id}:${randomBytes(32).toString('base64')}`, PAYLOAD_KEY_CURRENT: id };
    writeFileSync(file, `${JSON.stringify(variables, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { PAYLOAD_KEYS: string; PAYLOAD_KEY_CURRENT?: string };
  return parsePayloadKeys(saved.PAYLOAD_KEYS, saved.PAYLOAD_KEY_CURRENT);
}
