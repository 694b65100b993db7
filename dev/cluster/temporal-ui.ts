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
  /** Where the operator's browser asks the API to decode payloads: https, or the UI sends no token there. */
  codecEndpoint: string;
  /** The OpenID provider people sign in at, as its confidential client; without it the UI signs nobody in. */
  signIn?: { issuer: string; clientId: string; clientSecret: string };
}

/** Where the provider sends a person back to the UI server (registered with the provider's `temporal-ui` client). */
export const UI_CALLBACK_PATH = '/auth/sso/callback';

/**
 * The Temporal UI server (the one behind the `temporalio/ui` image), pointed at the cluster's
 * frontend; people sign in at the provider and act with their own token (its certificate alone is nobody). Its configuration is written to the data folder on each start, bound to the loopback
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
    // The person's access token goes with each decode (the UI sends it to an https endpoint only): the codec lets
    // operators decode and refuses everyone else, who then see the payloads encrypted.
    codec: { endpoint: options.codecEndpoint, passAccessToken: Boolean(options.signIn), includeCredentials: false },
    ...(options.signIn
      ? {
          auth: {
            enabled: true,
            providers: [
              {
                label: 'Passport renewal sign-in',
                type: 'oidc',
                providerUrl: options.signIn.issuer,
                clientId: options.signIn.clientId,
                clientSecret: options.signIn.clientSecret,
                scopes: ['openid', 'profile'],
                callbackUrl: `${origins[0]}${UI_CALLBACK_PATH}`,
              },
            ],
          },
        }
      : {}),
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
