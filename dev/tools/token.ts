import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { embeddedDataDir, loadEmbeddedConfig } from '../embedded/config';
import { type Carrier, CLI_REDIRECT_URI, CLIENT_IDS, COURIER_CLIENTS } from '../identity/clients';
import { SANDBOX_STAFF } from '../identity/people';
import type { IdentitySecrets } from '../identity/provider';
import { clientCredentials, signInPerson, type Who } from '../identity/sign-in';

const USAGE = `Prints an access token for the API, obtained from the sandbox identity provider of the running stack
(npm start's, OIDC_ISSUER_URL or http://127.0.0.1:$EMBEDDED_OIDC_PORT) through its real sign-in: a person is signed
in with Authorization Code + PKCE as the token CLI's client; a courier's back-end uses client credentials.

  npm run token -- --role operator --sub ops-1
  npm run token -- --role supervisor                     (sup-1, who reads the codec's decode log)
  npm run token -- --role clerk --office RUH-01          (the office's clerk, e.g. sub clerk-ruh-01)
  npm run token -- --role citizen --national-id 1058529940
  npm run token -- --role courier [--carrier SPL]
  npm run token -- --id-token --role operator --sub ops-1 (the ID token instead)

Staff: ${SANDBOX_STAFF.map((person) => person.id).join(', ')}. Carriers: ${Object.keys(COURIER_CLIENTS).join(', ')}.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** Who the options name: a citizen by national ID, else a listed staff member of that role. */
function personOf(values: { role?: string; sub?: string; office?: string; 'national-id'?: string }): Who {
  if (values.role === 'citizen') {
    if (!values['national-id']) fail('A citizen is named by --national-id');
    return { nationalId: values['national-id'] };
  }
  const staff = SANDBOX_STAFF.filter(
    (person) =>
      person.role === values.role &&
      (values.sub === undefined || person.id === values.sub) &&
      (values.office === undefined || person.office === values.office),
  );
  if (staff.length === 0) fail(`No sandbox ${values.role ?? 'person'} matches ${values.sub ?? values.office ?? ''}`);
  return { person: staff[0]!.id };
}

/** The courier clients' secrets, as npm start wrote them into its data folder (or OIDC_COURIER_SECRET). */
function courierSecret(carrier: Carrier): string {
  if (process.env.OIDC_COURIER_SECRET) return process.env.OIDC_COURIER_SECRET;
  const file = join(embeddedDataDir(process.env), 'identity-secrets.json');
  if (!existsSync(file)) fail(`No ${file}: start the stack (npm start) first, or set OIDC_COURIER_SECRET`);
  return (JSON.parse(readFileSync(file, 'utf8')) as IdentitySecrets).courierSecrets[carrier];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      office: { type: 'string' },
      'national-id': { type: 'string' },
      carrier: { type: 'string', default: 'SPL' },
      'id-token': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.role) fail('--role is required');
  const issuer =
    process.env.OIDC_ISSUER_URL?.replace(/\/+$/, '') ?? `http://127.0.0.1:${loadEmbeddedConfig(process.env).oidcPort}`;
  let tokens;
  if (values.role === 'courier') {
    const carrier = values.carrier as Carrier;
    if (!(carrier in COURIER_CLIENTS)) fail(`--carrier must be one of ${Object.keys(COURIER_CLIENTS).join(', ')}`);
    tokens = await clientCredentials({
      issuer,
      clientId: COURIER_CLIENTS[carrier].clientId,
      secret: courierSecret(carrier),
    });
  } else {
    tokens = await signInPerson({
      issuer,
      clientId: CLIENT_IDS.cli,
      redirectUri: CLI_REDIRECT_URI,
      who: personOf(values),
    });
  }
  const token = values['id-token'] ? tokens.id_token : tokens.access_token;
  if (!token) fail('The provider gave no such token');
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  console.error(
    cause === 'ECONNREFUSED'
      ? 'The identity provider is not running: start the stack first (npm start)'
      : error instanceof Error
        ? error.message
        : error,
  );
  process.exit(1);
});
