import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { identityFiles, MAKE_CERTS_SCRIPT, type TemporalIdentity } from '../../../dev/cluster/tls';
import { ensureTemporalBinary } from '../../../dev/infra/temporal-binaries';
import { temporalTls } from '../../../src/temporal/connection';
import { requireEnv } from '../../support/temporal-test-env';

const run = promisify(execFile);
/** gRPC's PERMISSION_DENIED: the frontend's answer to a caller its authorizer refuses. */
const PERMISSION_DENIED = 7;

/**
 * The cluster's frontend takes only clients with a certificate of its clients' CA, still valid, and its authorizer
 * (deploy/temporal/server) lets a certificate in by itself only when it names a service or an admin.
 */
describe('the cluster behind mutual TLS', () => {
  const address = requireEnv('TEST_TEMPORAL_ADDRESS');
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const tlsDir = requireEnv('CLUSTER_TLS_DIR');
  const work = mkdtempSync(join(tmpdir(), 'mtls-test-'));
  const files = (identity: TemporalIdentity) => identityFiles(tlsDir, identity);

  /** The Temporal CLI as a person would run it, with the given certificate (or none); its exit code and output. */
  async function cli(cert: { certPath?: string; keyPath?: string }, ...args: string[]) {
    const tlsArgs = ['--tls-ca-path', join(tlsDir, 'clients-ca.pem'), '--tls-server-name', 'temporal-frontend'];
    if (cert.certPath) tlsArgs.push('--tls-cert-path', cert.certPath, '--tls-key-path', cert.keyPath!);
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TEMPORAL_TLS_')));
    try {
      const { stdout } = await run(
        ensureTemporalBinary('temporal', process.env),
        [...args, '--address', address, '--namespace', namespace, ...tlsArgs, '--command-timeout', '10s'],
        { env },
      );
      return { code: 0, output: stdout };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, output: `${stdout}${stderr}` };
    }
  }

  /** Another CA's certificate, with the same name as the API's; and one of our CA that expired in 2020. */
  async function foreignAndExpired() {
    const rogue = join(work, 'rogue');
    await run('sh', [MAKE_CERTS_SCRIPT, rogue]);
    // `openssl ca` is the one OpenSSL 3.0 command that takes explicit dates: a throw-away CA database for it.
    const db = join(work, 'ca-db');
    mkdirSync(db);
    writeFileSync(join(db, 'index.txt'), '');
    writeFileSync(join(db, 'serial'), '01\n');
    await run('openssl', [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      join(work, 'expired.key'),
    ]);
    await run('openssl', [
      ...['req', '-new', '-key', join(work, 'expired.key'), '-subj', '/O=Passport Renewal/CN=passport-api'],
      ...['-out', join(work, 'expired.csr')],
    ]);
    writeFileSync(
      join(db, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = d',
        '[d]',
        `database = ${db}/index.txt`,
        `new_certs_dir = ${db}`,
        `serial = ${db}/serial`,
        'default_md = sha256',
        'policy = p',
        'x509_extensions = e',
        '[p]',
        'commonName = supplied',
        'organizationName = optional',
        '[e]',
        'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature',
        'extendedKeyUsage = clientAuth',
      ].join('\n'),
    );
    await run('openssl', [
      ...['ca', '-batch', '-config', join(db, 'ca.cnf'), '-cert', join(tlsDir, 'clients-ca.pem')],
      ...['-keyfile', join(tlsDir, 'clients-ca.key'), '-in', join(work, 'expired.csr')],
      ...['-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-notext', '-out', join(work, 'expired.pem')],
    ]);
    return {
      rogue: identityFiles(rogue, 'passport-api'),
      expired: { certPath: join(work, 'expired.pem'), keyPath: join(work, 'expired.key') },
    };
  }

  it('refuses a client with no certificate, one of another CA, and an expired one; lets a valid one in', async () => {
    const { rogue, expired } = await foreignAndExpired();
    const refusals = {
      'no certificate': await cli({}, 'workflow', 'list', '--limit', '1'),
      'another CA': await cli(rogue, 'workflow', 'list', '--limit', '1'),
      expired: await cli(expired, 'workflow', 'list', '--limit', '1'),
    };
    for (const [what, { code, output }] of Object.entries(refusals)) {
      console.log(`${what}: exit ${code}: ${output.trim().split('\n').at(-1)}`);
      expect({ what, code }).toEqual({ what, code: 1 });
      expect(output).toMatch(/tls|certificate|handshake|connection/i);
    }
    // Plaintext gRPC to a TLS port does not even get that far.
    await expect(Connection.connect({ address, connectTimeout: 3_000 })).rejects.toThrow();
    const valid = await cli(files('passport-api'), 'workflow', 'list', '--limit', '1');
    expect(valid).toMatchObject({ code: 0 });
  });

  it('lets services and admins in by certificate alone, and nobody else without a token', async () => {
    const as = async (identity: TemporalIdentity) =>
      Connection.connect({ address, tls: temporalTls({ ...files(identity), serverName: 'temporal-frontend' }) });
    const denied = async (call: Promise<unknown>) => {
      const error = await call.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      return isGrpcServiceError(error) ? error.code : error;
    };
    const list = (connection: Connection, ns = namespace) =>
      connection.workflowService.listWorkflowExecutions({ namespace: ns, pageSize: 1 });

    const api = await as('passport-api');
    const worker = await as('passport-worker');
    const admin = await as('temporal-admin');
    const ui = await as('temporal-ui');
    const person = await as('temporal-cli');
    try {
      await list(api);
      await list(worker);
      // The application's namespace only, and no admin's call.
      expect(await denied(list(worker, 'temporal-system'))).toBe(PERMISSION_DENIED);
      const attributes = { namespace, searchAttributes: {} };
      expect(await denied(worker.operatorService.addSearchAttributes(attributes))).toBe(PERMISSION_DENIED);
      await admin.operatorService.listSearchAttributes({ namespace });
      await list(admin, 'temporal-system');
      // The UI server's and a person's CLI certificates are nobody without the person's token.
      expect(await denied(list(ui))).toBe(PERMISSION_DENIED);
      expect(await denied(list(person))).toBe(PERMISSION_DENIED);
      expect(await denied(person.workflowService.getClusterInfo({}))).toBe(PERMISSION_DENIED);
      // The health check stays open to any client the TLS layer let in.
      await person.healthService.check({});
    } finally {
      await Promise.all([api, worker, admin, ui, person].map((connection) => connection.close()));
    }
  });
});
