import { parseArgs } from 'node:util';
import { loadApiConfig } from '../../src/config/api';
import { mintAccessToken } from '../../src/api/auth/access-token';
import type { Role } from '../../src/api/auth/principal';

const USAGE = `Mints an access token for the API, signed with API_JWT_SECRET (the development default when unset).

  npm run token -- --role citizen --sub 1058529940
  npm run token -- --role clerk --sub clerk-7 --office RUH-01
  npm run token -- --role operator --sub ops-1 --ttl 600

Roles: citizen (sub = national ID), clerk (needs --office), operator, carrier, service.`;

/** `npm run token`: prints a bearer token for the embedded stack (or any stack sharing its secret). */
function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      office: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.role || !values.sub) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadApiConfig(process.env);
  const ttl = values.ttl === undefined ? config.auth.tokenTtlSeconds : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error('--ttl must be a positive number of seconds');
  const token = mintAccessToken(
    config.auth,
    { role: values.role as Role, sub: values.sub, office: values.office },
    ttl,
  );
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
