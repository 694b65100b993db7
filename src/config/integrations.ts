import { Env, integerAtLeast, readEnv } from './env';
/**
 * Configuration of the six outside systems: which adapter each one uses
 * (sandbox or HTTP) and how the HTTP adapters reach the real partners. How the
 * sandboxes themselves behave is the harness's configuration
 * (dev/sandboxes/config.ts). Every variable is documented in docs/integrations.md.
 */

export const INTEGRATION_SYSTEMS = ['civilRegistry', 'sadad', 'printCentre', 'wasel', 'saudiPost', 'sms'] as const;
export type IntegrationSystem = (typeof INTEGRATION_SYSTEMS)[number];

/** The stem of each system's variables: `INTEGRATION_<STEM>_MODE`, `SANDBOX_<STEM>_ERROR_RATE`, ... */
export const SYSTEM_ENV_STEMS: Record<IntegrationSystem, string> = {
  civilRegistry: 'CIVIL_REGISTRY',
  sadad: 'SADAD',
  printCentre: 'PRINT_CENTRE',
  wasel: 'WASEL',
  saudiPost: 'SAUDI_POST',
  sms: 'SMS',
};

export interface HttpAdapterConfig {
  /** The partner's API root, e.g. `https://sadad.example.sa/api`; paths like `/v1/bills` are appended. */
  baseUrl: string;
  timeoutMs: number;
  authHeader?: { name: string; value: string };
}

/**
 * `http`: the HTTP adapter for the partner's endpoint. `sandbox`: an adapter the
 * process is handed in place of the partner (the development harness's
 * simulator, dev/sandboxes); the product's own entry points have none to hand,
 * so they refuse to start with it (src/wiring/integrations.ts).
 */
export type SystemConfig = { mode: 'sandbox' } | { mode: 'http'; http: HttpAdapterConfig };

export interface IntegrationsConfig {
  systems: Record<IntegrationSystem, SystemConfig>;
}

const httpUrl = (raw: string) => (/^https?:\/\/[^\s]+$/.test(raw) ? raw.replace(/\/+$/, '') : undefined);

/** `Name: value`, or a bare value sent as `Authorization`. */
function authHeader(raw: string): HttpAdapterConfig['authHeader'] {
  const match = /^([A-Za-z0-9-]+):\s*(.+)$/.exec(raw);
  return match ? { name: match[1], value: match[2] } : { name: 'Authorization', value: raw };
}

function loadSystem(env: Env, stem: string): SystemConfig {
  const mode = readEnv(
    env,
    `INTEGRATION_${stem}_MODE`,
    'sandbox',
    (raw) => (raw === 'sandbox' || raw === 'http' ? raw : undefined),
    '"sandbox" or "http"',
  );
  if (mode === 'sandbox') return { mode };
  const baseUrl = readEnv(env, `INTEGRATION_${stem}_BASE_URL`, undefined, httpUrl, 'an http(s) URL');
  if (!baseUrl) throw new Error(`INTEGRATION_${stem}_BASE_URL is required when INTEGRATION_${stem}_MODE=http`);
  return {
    mode,
    http: {
      baseUrl,
      timeoutMs: readEnv(env, `INTEGRATION_${stem}_TIMEOUT_MS`, 10_000, integerAtLeast(1), 'an integer >= 1'),
      authHeader: readEnv(env, `INTEGRATION_${stem}_AUTH_HEADER`, undefined, authHeader, '"Name: value"'),
    },
  };
}

export function loadIntegrationsConfig(env: Env): IntegrationsConfig {
  const systems = {} as Record<IntegrationSystem, SystemConfig>;
  for (const system of INTEGRATION_SYSTEMS) systems[system] = loadSystem(env, SYSTEM_ENV_STEMS[system]);
  return { systems };
}
