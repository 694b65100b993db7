import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { promisify } from 'node:util';
import { identityFiles, MAKE_CERTS_SCRIPT, tlsEnv } from '../../dev/cluster/tls';
import { requireEnv } from './temporal-test-env';

/**
 * Production reaches Temporal over mutual TLS only, and the suite's dev server speaks plaintext: a process started
 * with `NODE_ENV=production` reaches it through this front, which terminates mutual TLS exactly as the cluster's
 * frontend would (the certificates of deploy/temporal/tls/make-certs.sh, a client certificate required) and passes
 * the HTTP/2 inside to the dev server. One per test file, made on first use; none on the cluster, which is mutual TLS.
 */
let front: Promise<Record<string, string>> | undefined;

export function temporalOverMutualTls(): Promise<Record<string, string>> {
  // On the cluster (`npm run test:cluster`) the suite's Temporal already requires mutual TLS, with the suite's own
  // certificate in the environment: nothing to add.
  if (process.env.TEMPORAL_TLS_CLIENT_CERT_PATH) return Promise.resolve({});
  front ??= startFront();
  return front;
}

async function startFront(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'temporal-mtls-'));
  await promisify(execFile)('sh', [MAKE_CERTS_SCRIPT, dir]);
  const [host, port] = splitAddress(requireEnv('TEMPORAL_ADDRESS'));
  const server = createServer(
    {
      key: await readFile(join(dir, 'frontend.key')),
      cert: await readFile(join(dir, 'frontend.pem')),
      ca: await readFile(join(dir, 'client-cas.pem')),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket) => {
      const upstream = connect(port, host);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const address = server.address() as { port: number };
  return {
    TEMPORAL_ADDRESS: `127.0.0.1:${address.port}`,
    ...tlsEnv({ ...identityFiles(dir, 'passport-api'), serverName: 'temporal-frontend' }),
  };
}

function splitAddress(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}
