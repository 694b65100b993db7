import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COURIER_CLIENTS, type Carrier } from './clients';
import type { IdentitySecrets } from './provider';

const FILE = 'identity-secrets.json';

/** Fresh secrets, for a throw-away provider (the tests'). */
export function randomIdentitySecrets(): IdentitySecrets {
  const secret = () => randomBytes(32).toString('base64url');
  return {
    subjectKey: secret(),
    courierSecrets: Object.fromEntries(Object.keys(COURIER_CLIENTS).map((carrier) => [carrier, secret()])) as Record<
      Carrier,
      string
    >,
    temporalUiSecret: secret(),
  };
}

/**
 * The sandbox provider's secrets for a data folder (`npm start`'s .data/, the cluster's): made once, readable by
 * their owner only, and reused, so a citizen keeps their `sub` across restarts and `npm run token` (which reads the
 * courier secrets here) works against the running stack.
 */
export function identitySecrets(dataDir: string): IdentitySecrets {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) {
    writeFileSync(file, `${JSON.stringify(randomIdentitySecrets(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as IdentitySecrets;
}
