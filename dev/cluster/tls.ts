import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TemporalTlsConfig } from '../../src/config/temporal';
import { PROJECT_ROOT } from '../../src/config/paths';

const run = promisify(execFile);

/** The openssl script docker-compose.yml's `temporal-certs` step runs too. */
export const MAKE_CERTS_SCRIPT = join(PROJECT_ROOT, 'deploy', 'temporal', 'tls', 'make-certs.sh');

/** Who a certificate makes its holder (deploy/temporal/tls/make-certs.sh says what each may do). */
export type TemporalIdentity = 'passport-api' | 'passport-worker' | 'temporal-admin' | 'temporal-ui' | 'temporal-cli';

/** The certificates of one data folder. */
export interface ClusterTls {
  dir: string;
  /** A client's TLS settings as the product reads them. */
  client(identity: TemporalIdentity): TemporalTlsConfig;
}

/** The variables that give a process, or the Temporal CLI, one identity's certificate. */
export function tlsEnv(tls: TemporalTlsConfig): Record<string, string> {
  return {
    TEMPORAL_TLS_CLIENT_CERT_PATH: tls.certPath,
    TEMPORAL_TLS_CLIENT_KEY_PATH: tls.keyPath,
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: tls.caPath,
    TEMPORAL_TLS_SERVER_NAME: tls.serverName,
  };
}

/**
 * Makes (or completes, or renews) the data folder's CAs and certificates with the openssl CLI: `tls/` beside the
 * PostgreSQL cluster, keys readable by this user only, never in the repository.
 */
export async function makeClusterCertificates(dataDir: string): Promise<ClusterTls> {
  const dir = join(dataDir, 'tls');
  try {
    await run('sh', [MAKE_CERTS_SCRIPT, dir]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() ?? '';
    throw new Error(
      `Making the cluster's certificates failed (the openssl CLI must be on PATH: the Debian package openssl): ` +
        `${(error as Error).message.split('\n')[0]}${stderr ? `\n${stderr}` : ''}`,
      { cause: error },
    );
  }
  return { dir, client: (identity) => ({ ...identityFiles(dir, identity), serverName: 'temporal-frontend' }) };
}

/** Where an identity's certificate and key are in a folder of make-certs.sh's, with the CA that signed the server's. */
export function identityFiles(dir: string, identity: TemporalIdentity) {
  return {
    certPath: join(dir, `${identity}.pem`),
    keyPath: join(dir, `${identity}.key`),
    caPath: join(dir, 'clients-ca.pem'),
  };
}
