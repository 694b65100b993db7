import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { CLI_REDIRECT_URI, CLIENT_IDS } from '../../../dev/identity/clients';
import { signInPerson, type Who } from '../../../dev/identity/sign-in';
import { identityFiles, type TemporalIdentity } from '../../../dev/cluster/tls';
import { ensureTemporalBinary } from '../../../dev/infra/temporal-binaries';
import { freshNationalId } from '../../support/fixtures';
import { requireEnv } from '../../support/temporal-test-env';

const run = promisify(execFile);

/**
 * People in the cluster's Temporal as themselves (issue 22 §2): the Temporal CLI over mutual TLS with the people's
 * certificate (temporal-cli, nobody by itself) and a person's access token from the provider the launcher started
 * before the server (CLUSTER_OIDC_ISSUER_URL), verified by the server's own claim mapper against its JWKS. An
 * operator reads, signals and asks to cancel, but may not terminate; support reads only; a citizen or a clerk gets
 * nothing. The execution has a task queue no worker polls: only what the server decides is under test.
 */
describe('people in the cluster’s Temporal, by their token', () => {
  const address = requireEnv('TEST_TEMPORAL_ADDRESS');
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const tlsDir = requireEnv('CLUSTER_TLS_DIR');
  const issuer = requireEnv('CLUSTER_OIDC_ISSUER_URL');
  const workflowId = `people-in-temporal-${randomUUID()}`;

  const token = async (who: Who) =>
    (await signInPerson({ issuer, clientId: CLIENT_IDS.cli, redirectUri: CLI_REDIRECT_URI, who })).access_token;

  /** The Temporal CLI with a certificate of the cluster's and, for a person, their token; its exit code and output. */
  async function cli(identity: TemporalIdentity, apiKey: string | undefined, ...args: string[]) {
    const files = identityFiles(tlsDir, identity);
    const tlsArgs = [
      ...['--tls-ca-path', files.caPath, '--tls-server-name', 'temporal-frontend'],
      ...['--tls-cert-path', files.certPath, '--tls-key-path', files.keyPath],
    ];
    // Only the flags speak: not the API's certificate the launcher gives this process, nor a key of its own.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('TEMPORAL_TLS_') && key !== 'TEMPORAL_API_KEY'),
    );
    const all = [...args, '--address', address, '--namespace', namespace, ...tlsArgs, '--command-timeout', '10s'];
    if (apiKey) all.push('--api-key', apiKey);
    try {
      const { stdout } = await run(ensureTemporalBinary('temporal', process.env), all, { env });
      return { code: 0, output: stdout.trim() };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, output: `${stdout}${stderr}`.trim() };
    }
  }

  const person = (apiKey: string) => ({
    describe: () => cli('temporal-cli', apiKey, 'workflow', 'describe', '-w', workflowId),
    signal: () => cli('temporal-cli', apiKey, 'workflow', 'signal', '-w', workflowId, '--name', 'nudge'),
    cancel: () => cli('temporal-cli', apiKey, 'workflow', 'cancel', '-w', workflowId),
    terminate: () => cli('temporal-cli', apiKey, 'workflow', 'terminate', '-w', workflowId, '--reason', 'test'),
  });
  const quote = (who: string, step: string, result: { code: number; output: string }) =>
    // The outputs the closing note quotes.
    console.log(`${who} ${step}: rc=${result.code} ${result.output.split('\n').slice(0, 2).join(' | ')}`);

  beforeAll(async () => {
    const started = await cli(
      'temporal-admin',
      undefined,
      ...['workflow', 'start', '-w', workflowId, '--type', 'peopleInTemporalProbe'],
      ...['--task-queue', `people-in-temporal-${randomUUID()}`],
    );
    expect(started).toMatchObject({ code: 0 });
  }, 30_000);

  afterAll(async () => {
    await cli('temporal-admin', undefined, 'workflow', 'terminate', '-w', workflowId, '--reason', 'test over');
  }, 30_000);

  it('lets an operator read, signal and ask to cancel, and refuses them terminate', async () => {
    const operator = person(await token({ person: 'ops-1' }));
    const described = await operator.describe();
    quote('operator ops-1', 'describe', described);
    expect(described.code).toBe(0);
    expect(described.output).toContain(workflowId);
    const signalled = await operator.signal();
    quote('operator ops-1', 'signal', signalled);
    expect(signalled).toMatchObject({ code: 0, output: expect.stringMatching(/Signal workflow succeeded/) });
    const cancelled = await operator.cancel();
    quote('operator ops-1', 'cancel', cancelled);
    expect(cancelled).toMatchObject({ code: 0, output: expect.stringMatching(/Canceled workflow/) });
    const terminated = await operator.terminate();
    quote('operator ops-1', 'terminate', terminated);
    expect(terminated.code).not.toBe(0);
    expect(terminated.output).toMatch(/Request unauthorized/);

    // The server recorded the operator's signal and cancel request, and the execution still runs.
    const history = await cli('temporal-admin', undefined, 'workflow', 'show', '-w', workflowId, '-o', 'json');
    expect(history.output).toContain('WORKFLOW_EXECUTION_SIGNALED');
    expect(history.output).toContain('WORKFLOW_EXECUTION_CANCEL_REQUESTED');
    expect(history.output).not.toContain('WORKFLOW_EXECUTION_TERMINATED');
  }, 60_000);

  it('lets support read only', async () => {
    const support = person(await token({ person: 'support-1' }));
    const described = await support.describe();
    quote('support support-1', 'describe', described);
    expect(described.code).toBe(0);
    expect(described.output).toContain(workflowId);
    for (const [step, attempt] of [
      ['signal', support.signal],
      ['cancel', support.cancel],
      ['terminate', support.terminate],
    ] as const) {
      const refused = await attempt();
      quote('support support-1', step, refused);
      expect(refused.code).not.toBe(0);
      expect(refused.output).toMatch(/Request unauthorized/);
    }
  }, 60_000);

  it.each<[string, Who]>([
    ['a citizen', { nationalId: freshNationalId() }],
    ['a clerk', { person: 'clerk-ruh-01' }],
  ])(
    'gives %s nothing',
    async (who, signIn) => {
      const nobody = person(await token(signIn));
      for (const [step, attempt] of [
        ['describe', nobody.describe],
        ['signal', nobody.signal],
        ['cancel', nobody.cancel],
      ] as const) {
        const refused = await attempt();
        quote(who, step, refused);
        expect(refused.code).not.toBe(0);
        expect(refused.output).toMatch(/Request unauthorized/);
      }
    },
    60_000,
  );
});
