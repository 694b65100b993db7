import { RENEWAL_TASK_QUEUE } from '../../workflows/contract';
import { type Env, readEnv, text } from './env';

/**
 * Mutual TLS to the Temporal frontend: this process's client certificate (which is also who it is to the server's
 * authorizer) and the CA that signed the server's. File paths, read when the process connects. The variables are
 * the Temporal CLI's own (TEMPORAL_TLS_CLIENT_CERT_PATH, _CLIENT_KEY_PATH, _SERVER_CA_CERT_PATH, _SERVER_NAME), so
 * one environment configures a process and `npm run temporal` alike.
 */
export interface TemporalTlsConfig {
  certPath: string;
  keyPath: string;
  caPath: string;
  /** The name the server's certificate must carry, whatever address is dialled (temporal-frontend). */
  serverName: string;
}

/** Where the Temporal server is, and where renewals run on it (TEMPORAL_*). */
export interface TemporalConfig {
  /** Unset: the embedded launcher starts a Temporal dev server and fills it in. */
  address?: string;
  /** Unset: plaintext, as to the embedded dev server on the loopback interface (TEMPORAL_TLS_*). */
  tls?: TemporalTlsConfig;
  namespace: string;
  taskQueue: string;
  /** A prebuilt workflow bundle (see `bundleWorkflowCode`); unset, the worker bundles `workflows/` at start. */
  workflowBundlePath?: string;
}

export const TEMPORAL_TLS_FILES = {
  certPath: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  keyPath: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  caPath: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
} as const;

function loadTemporalTls(env: Env): TemporalTlsConfig | undefined {
  const given = Object.values(TEMPORAL_TLS_FILES).filter((name) => env[name]?.trim());
  // Production requires them (src/config/production-refusals.ts); elsewhere none means plaintext.
  if (given.length === 0) return undefined;
  if (given.length < 3) throw new Error(`Set all of ${Object.values(TEMPORAL_TLS_FILES).join(', ')}, or none of them`);
  return {
    certPath: env[TEMPORAL_TLS_FILES.certPath]!.trim(),
    keyPath: env[TEMPORAL_TLS_FILES.keyPath]!.trim(),
    caPath: env[TEMPORAL_TLS_FILES.caPath]!.trim(),
    serverName: readEnv(env, 'TEMPORAL_TLS_SERVER_NAME', 'temporal-frontend', text, 'a host name'),
  };
}

export function loadTemporalConfig(env: Env): TemporalConfig {
  return {
    address: readEnv(env, 'TEMPORAL_ADDRESS', undefined, text, 'text'),
    tls: loadTemporalTls(env),
    namespace: readEnv(env, 'TEMPORAL_NAMESPACE', undefined, text, 'text') ?? 'default',
    taskQueue: readEnv(env, 'TEMPORAL_TASK_QUEUE', undefined, text, 'text') ?? RENEWAL_TASK_QUEUE,
    workflowBundlePath: readEnv(env, 'WORKFLOW_BUNDLE_PATH', undefined, text, 'text'),
  };
}

/** The server's address, which every process but the embedded launcher must be given. */
export function requireTemporalAddress(temporal: TemporalConfig): string {
  if (!temporal.address) throw new Error('TEMPORAL_ADDRESS is not set');
  return temporal.address;
}
