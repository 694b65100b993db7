import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePayloadKeys, PayloadKeysConfig } from '../../src/config/payload-keys';

/**
 * The embedded stack's payload key when PAYLOAD_KEYS is unset: generated once
 * into its data folder (readable by its owner only) and reused on every later
 * start, so the workflows it keeps in its Temporal database stay readable.
 * The file holds the two variables as they would be set in the environment.
 */
export function developmentPayloadKeys(dataDir: string): PayloadKeysConfig {
  const saved = developmentPayloadKeyVariables(dataDir);
  return parsePayloadKeys(saved.PAYLOAD_KEYS, saved.PAYLOAD_KEY_CURRENT);
}

/** The same key as the two variables, for a launcher that hands them to processes of its own (`npm run cluster`). */
export function developmentPayloadKeyVariables(dataDir: string): {
  PAYLOAD_KEYS: string;
  PAYLOAD_KEY_CURRENT?: string;
} {
  const file = join(dataDir, 'payload-keys.json');
  if (!existsSync(file)) {
    const id = `dev-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
    const variables = { PAYLOAD_KEYS: `${id}:${randomBytes(32).toString('base64')}`, PAYLOAD_KEY_CURRENT: id };
    writeFileSync(file, `${JSON.stringify(variables, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as { PAYLOAD_KEYS: string; PAYLOAD_KEY_CURRENT?: string };
}
