import { readFileSync } from 'node:fs';
import { Client, type ClientInterceptors, Connection, type TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { requireTemporalAddress, type TemporalConfig, type TemporalTlsConfig } from '../config/temporal';

/** The SDK's TLS settings from the configured files: this process's certificate, and the CA it trusts. */
export function temporalTls(tls: TemporalTlsConfig): TLSConfig {
  return {
    serverNameOverride: tls.serverName,
    serverRootCACertificate: readFileSync(tls.caPath),
    clientCertPair: { crt: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) },
  };
}

/** Address and TLS, the same for the client (Connection) and the worker (NativeConnection). */
export function temporalConnectionOptions(temporal: TemporalConfig): { address: string; tls?: TLSConfig } {
  const address = requireTemporalAddress(temporal);
  return temporal.tls ? { address, tls: temporalTls(temporal.tls) } : { address };
}

export async function connectTemporalClient(
  temporal: TemporalConfig,
  dataConverter: DataConverter,
  interceptors?: ClientInterceptors,
): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(temporal));
  return new Client({ connection, namespace: temporal.namespace, dataConverter, interceptors });
}
