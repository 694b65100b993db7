import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpOk } from '../launcher/readiness';
import type { ProcessSpec } from '../launcher/supervisor';
import type { TemporalTlsConfig } from '../../src/config/temporal';

export interface UiOptions {
  binary: string;
  dataDir: string;
  port: number;
  temporalAddress: string;
  /** The UI server's own certificate: by itself it may do nothing; the signed-in person's token decides. */
  temporalTls?: TemporalTlsConfig;
  namespace: string;
  /** Where the operator's browser asks the API to decode payloads. */
  codecEndpoint: string;
}

/**
 * The Temporal UI server (the one behind the `temporalio/ui` image), pointed at the cluster's
 * frontend. Its configuration is written to the data folder on each start, bound to the loopback
 * interface like every other process of the cluster.
 */
export function temporalUiSpec(options: UiOptions): ProcessSpec {
  const root = join(options.dataDir, 'temporal-ui');
  mkdirSync(join(root, 'config'), { recursive: true });
  const origins = [`http://127.0.0.1:${options.port}`, `http://localhost:${options.port}`];
  const config = {
    temporalGrpcAddress: options.temporalAddress,
    host: '127.0.0.1',
    port: options.port,
    enableUi: true,
    defaultNamespace: options.namespace,
    notifyOnNewVersion: false,
    cors: { allowOrigins: origins, cookieInsecure: true },
    codec: { endpoint: options.codecEndpoint },
    ...(options.temporalTls
      ? {
          tls: {
            caFile: options.temporalTls.caPath,
            certFile: options.temporalTls.certPath,
            keyFile: options.temporalTls.keyPath,
            serverName: options.temporalTls.serverName,
            enableHostVerification: true,
          },
        }
      : {}),
  };
  // JSON is YAML too.
  writeFileSync(join(root, 'config', 'cluster.yaml'), JSON.stringify(config, null, 2));
  return {
    name: 'temporal-ui',
    command: options.binary,
    args: ['--root', root, '--config', 'config', '--env', 'cluster', 'start'],
    ready: httpOk(`http://127.0.0.1:${options.port}/`),
  };
}
