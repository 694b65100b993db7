import { WEBHOOK_PARTNERS } from '../../workflows/contract';
import { DEV_PSEUDONYM_KEY } from './api';
import type { DeploymentConfig } from './deployment';
import type { Env } from './env';
import { INTEGRATION_SYSTEMS, type IntegrationsConfig, SYSTEM_ENV_STEMS } from './integrations';
import { DEVELOPMENT_PERSONAL_DATA_KEYS } from './personal-data-keys';
import type { ConfigSlice } from './slices';
import { TEMPORAL_TLS_FILES } from './temporal';
import { devWebhookSecret, webhookSecretVariable } from './webhook-secrets';

/**
 * What NODE_ENV=production refuses even when it is set explicitly: every value published in this repository
 * (a secret anyone can read is no secret), and partners left on the simulator. One entry per variable, so an entry
 * goes when its variable does (API_JWT_SECRET's went with the HS256 sign-in). A process is held only to the entries of
 * the slices it loads: a worker is not refused for an API secret it never reads.
 */
export interface ProductionRefusal {
  /** The variable at fault, named in the message. */
  variable: string;
  /** The slices that read it. */
  slices: readonly ConfigSlice[];
  /** Why its setting is refused in production, or `undefined` when it is not. */
  reason(env: Env, deployment: DeploymentConfig): string | undefined;
}

const valueOf = (env: Env, name: string) => env[name]?.trim() ?? '';

/** A variable whose development value is written in this repository. */
function published(variable: string, slices: ConfigSlice[], value: string, where: string): ProductionRefusal {
  return {
    variable,
    slices,
    reason: (env) =>
      valueOf(env, variable) === value
        ? `is the development value published in ${where}: set a secret of your own`
        : undefined,
  };
}

/** A key published in this repository, and whose it is and where, for the message that refuses it. */
export interface PublishedKey {
  /** Base64 of its 32 bytes, compared by value: a published key under another id is still published. */
  key: string;
  published: string;
}

/**
 * The test suite's payload key (test/support/payload-keys.ts, the recorded histories are encrypted with it): a
 * key anyone can read. `npm start`'s development key is random per data folder, so it is not listed.
 */
export const PUBLISHED_PAYLOAD_KEYS: readonly PublishedKey[] = [
  {
    key: 'F10TAsv22bNBTZ9afTPlpJhG4uEa4GpNTMiXjTQdI/w=',
    published: "the test suite's key published in test/support/payload-keys.ts",
  },
];

/**
 * The personal-data keys anyone can read: the development key every stack but production uses when none is set,
 * and the test suite's two (test/support/personal-data-keys.ts; the second is the one its rotation tests rotate to).
 */
export const PUBLISHED_PERSONAL_DATA_KEYS: readonly PublishedKey[] = [
  {
    key: DEVELOPMENT_PERSONAL_DATA_KEYS.PERSONAL_DATA_KEYS.split(':')[1],
    published: 'the development key published in src/config/personal-data-keys.ts',
  },
  ...['95PKiqj8VQNkAE04o7CZf38HsWj96bEPc5k4lyfcvxs=', 'vp5BxxYle+gyAKEGvgixDUwPEdNdahVS/yFRuwGw8jk='].map((key) => ({
    key,
    published: "the test suite's key published in test/support/personal-data-keys.ts",
  })),
];

/** Passwords of the development databases: embedded PostgreSQL and the cluster (`postgres`), compose's old default. */
export const PUBLISHED_DATABASE_PASSWORDS = ['postgres', 'renewals'];

const hex = (base64: string) => Buffer.from(base64, 'base64').toString('hex');

/**
 * A keyring variable (src/config/keyring.ts, `<id>:<base64>,...`) that lists a published key. Read leniently: the
 * keyring's own loader has already said what is malformed in it.
 */
function publishedKeyring(variable: string, slices: ConfigSlice[], keys: readonly PublishedKey[]): ProductionRefusal {
  return {
    variable,
    slices,
    reason(env) {
      const published = new Map(keys.map(({ key, published }) => [hex(key), published]));
      for (const entry of valueOf(env, variable).split(',')) {
        const [id, key = ''] = entry.split(/:(.*)/s).map((part) => part.trim());
        const where = published.get(hex(key));
        if (where) return `lists key "${id}", ${where}: generate keys of your own`;
      }
      return undefined;
    },
  };
}

const databasePassword: ProductionRefusal = {
  variable: 'DATABASE_URL',
  slices: ['databaseUrl'],
  reason(env) {
    let password: string;
    try {
      password = decodeURIComponent(new URL(valueOf(env, 'DATABASE_URL')).password);
    } catch {
      return undefined; // Not a URL this check can read: the driver says what is wrong with it.
    }
    return PUBLISHED_DATABASE_PASSWORDS.includes(password)
      ? 'holds a development password published in this repository: give the role a password of its own'
      : undefined;
  },
};

/** A partner on the simulator, set so or by default, unless the stack declares itself a staging one. */
const realPartners: ProductionRefusal[] = INTEGRATION_SYSTEMS.map((system) => {
  const stem = SYSTEM_ENV_STEMS[system];
  const variable = `INTEGRATION_${stem}_MODE`;
  return {
    variable,
    slices: ['integrations'],
    reason: (env, deployment) =>
      (valueOf(env, variable) || 'sandbox') === 'sandbox' && !deployment.allowSandboxPartners
        ? `is "sandbox"${valueOf(env, variable) ? '' : ' (the default when unset)'}, a simulated partner: set ` +
          `${variable}=http and INTEGRATION_${stem}_BASE_URL, or ALLOW_SANDBOX_PARTNERS=true for a staging stack`
        : undefined,
  };
});

/**
 * Mutual TLS to Temporal: the client certificate is who a service is to the server's authorizer, so production never
 * dials it in plaintext. Unset only; the loader refuses a partial set anywhere (src/config/temporal.ts).
 */
const temporalTls: ProductionRefusal[] = Object.values(TEMPORAL_TLS_FILES).map((variable) => ({
  variable,
  slices: ['temporal'],
  reason: (env) =>
    valueOf(env, variable)
      ? undefined
      : 'is unset: production reaches Temporal over mutual TLS only (a client certificate, its key and the CA)',
}));

/**
 * A production worker serves a version of the deployment: an unversioned one would take tasks of every renewal
 * whatever version is current, so a rollout could no longer be steered or rolled back (docs/operations.md, "Worker versions").
 */
const buildId: ProductionRefusal = {
  variable: 'TEMPORAL_BUILD_ID',
  slices: ['workerDeployment'],
  reason: (env) =>
    valueOf(env, 'TEMPORAL_BUILD_ID')
      ? undefined
      : 'must be set in production: the build the worker runs (the image bakes in the commit it was built from)',
};

export const PRODUCTION_REFUSALS: readonly ProductionRefusal[] = [
  published('API_PSEUDONYM_KEY', ['api'], DEV_PSEUDONYM_KEY, 'src/config/api.ts'),
  ...WEBHOOK_PARTNERS.map((partner) =>
    published(
      webhookSecretVariable(partner),
      ['api', 'integrations'],
      devWebhookSecret(partner),
      'src/config/webhook-secrets.ts',
    ),
  ),
  publishedKeyring('PAYLOAD_KEYS', ['payloadKeys'], PUBLISHED_PAYLOAD_KEYS),
  publishedKeyring('PERSONAL_DATA_KEYS', ['personalDataKeys'], PUBLISHED_PERSONAL_DATA_KEYS),
  databasePassword,
  buildId,
  ...realPartners,
  ...temporalTls,
];

/** Under NODE_ENV=production, stops the start with every refused setting of these slices, each naming its variable. */
export function refuseUnsafeProductionSettings(
  env: Env,
  deployment: DeploymentConfig,
  slices: readonly ConfigSlice[],
  refusals: readonly ProductionRefusal[] = PRODUCTION_REFUSALS,
): void {
  if (!deployment.production) return;
  const refused = refusals
    .filter((refusal) => refusal.slices.some((slice) => slices.includes(slice)))
    .flatMap((refusal) => {
      const reason = refusal.reason(env, deployment);
      return reason ? [`${refusal.variable} ${reason}`] : [];
    });
  if (refused.length > 0) {
    throw new Error(`NODE_ENV=production refuses to start with:\n${refused.map((line) => `  - ${line}`).join('\n')}`);
  }
}

/** What a production process says at every start about a setting it was allowed but should not keep. */
export function startupWarnings(config: { deployment: DeploymentConfig; integrations?: IntegrationsConfig }): string[] {
  const { deployment, integrations } = config;
  if (!deployment.production || !deployment.allowSandboxPartners) return [];
  const simulated = integrations
    ? INTEGRATION_SYSTEMS.filter((system) => integrations.systems[system].mode === 'sandbox')
    : [];
  return [
    'ALLOW_SANDBOX_PARTNERS=true under NODE_ENV=production: a staging stack, whose partners may be simulated. ' +
      (simulated.length > 0 ? `On the simulator here: ${simulated.join(', ')}. ` : '') +
      'Never serve citizens with it.',
  ];
}
