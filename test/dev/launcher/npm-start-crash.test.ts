import { type ChildProcess, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_REDIRECT_URI, CLIENT_IDS } from '../../../dev/identity/clients';
import { signInPerson, type Who } from '../../../dev/identity/sign-in';
import { PROJECT_ROOT } from '../../../src/config/paths';
import { PidFiles } from '../../../dev/launcher/pid-files';
import { isAlive, waitForExit } from '../../../dev/launcher/process-info';
import { eventually } from '../../support/eventually';
import { embeddedStackEnv, startEmbedded, whenServing } from '../../support/embedded-stack';

/**
 * `npm start` killed with SIGKILL in the middle of a renewal, then started again, as an operator
 * would after a crash: the new start finds the embedded PostgreSQL and Temporal dev server the dead
 * process left running (by the pid files in its data folder), stops them, says so, starts afresh
 * on the same data, and the renewal in flight goes on to completion.
 */
/** The fields of the API's answers this test reads. */
interface Answer {
  renewalId: string;
  stage: string;
  requiredPledgeIds: string[];
  billNumber?: string;
}

describe('npm start after a crash', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let api: string;
  /** The stack's own sandbox identity provider. */
  let identity: string;
  let sandboxes: string;
  const running: ChildProcess[] = [];

  /** A person signed in at the stack's own sandbox identity provider (it restarts with the stack, keys and all). */
  const auth = async (who: Who) => ({
    authorization: `Bearer ${
      (await signInPerson({ issuer: identity, clientId: CLIENT_IDS.cli, redirectUri: CLI_REDIRECT_URI, who }))
        .access_token
    }`,
    'content-type': 'application/json',
  });
  let citizen: Record<string, string>;
  let clerk: Record<string, string>;
  const signInBoth = async () => {
    citizen = await auth({ nationalId: '1058529940' });
    clerk = await auth({ person: 'clerk-ruh-01' });
  };

  async function call(method: string, path: string, headers: Record<string, string>, body?: object) {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: method === 'POST' ? { ...headers, 'idempotency-key': randomUUID() } : headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Answer };
  }

  const stageOf = async (renewalId: string) => (await call('GET', `/v1/renewals/${renewalId}`, citizen)).body.stage;
  const waitForStage = (renewalId: string, stage: string) =>
    eventually(async () => ((await stageOf(renewalId)) === stage ? true : undefined), `stage ${stage}`, 60_000);

  beforeAll(async () => {
    // What `npm start` runs first.
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'dev/tsconfig.json'], {
      cwd: PROJECT_ROOT,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'npm-start-crash-'));
    // Run as root, embedded PostgreSQL runs as `postgres`, which must reach its folder.
    chmodSync(dataDir, 0o755);
    ({ env, api, identity, sandboxes } = await embeddedStackEnv(dataDir, {
      SANDBOX_PRINT_CENTRE_DELAY_MS: '200',
      SANDBOX_POLL_INTERVAL_MS: '100',
    }));
  });

  afterAll(async () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    // Whatever a failed run left behind, as the next start would.
    for (const record of new PidFiles(dataDir).list()) if (isAlive(record.pid)) process.kill(record.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('recovers by itself, says what it did, and the renewal in flight completes', async () => {
    const first = startEmbedded(env, running);
    await whenServing(first, api);
    await signInBoth();
    const created = await call('POST', '/v1/renewals', citizen, { officeId: 'RUH-01' });
    expect(created.status).toBe(202);
    const renewalId: string = created.body.renewalId;
    await waitForStage(renewalId, 'AWAITING_ACCEPTANCE');
    const review = await call('GET', `/v1/renewals/${renewalId}/review`, citizen);
    const accepted = await call('POST', `/v1/renewals/${renewalId}/acceptance`, citizen, {
      photoConfirmed: true,
      englishNameConfirmed: true,
      acceptedPledgeIds: review.body.requiredPledgeIds,
      validityYears: 10,
      delivery: { method: 'PICKUP', officeId: 'RUH-01' },
    });
    expect(accepted.status).toBe(200);
    await waitForStage(renewalId, 'AWAITING_PAYMENT');

    // The crash: nothing of the process runs its shutdown.
    const pidFiles = new PidFiles(dataDir);
    const orphans = pidFiles.list().filter((record) => record.name !== 'launcher');
    expect(orphans.map((record) => record.name).sort()).toEqual(['postgres', 'temporal-dev-server']);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    // Its PostgreSQL and Temporal dev server live on, holding their ports: what used to stop the next start.
    for (const orphan of orphans)
      expect({ name: orphan.name, alive: isAlive(orphan.pid) }).toEqual({ name: orphan.name, alive: true });

    const second = startEmbedded(env, running);
    await whenServing(second, api);
    // The restarted provider signs with new keys: the people sign in again.
    await signInBoth();
    expect(second.output()).toContain(
      `The previous launcher on ${dataDir} (pid ${first.child.pid}) did not stop cleanly; recovering`,
    );
    for (const orphan of orphans) {
      expect(second.output()).toMatch(new RegExp(`${orphan.name}: leftover pid ${orphan.pid} stopped`));
      expect({ name: orphan.name, alive: isAlive(orphan.pid) }).toEqual({ name: orphan.name, alive: false });
    }
    expect(second.output()).not.toMatch(/ERROR|undefined/);

    // The renewal kept its state across the crash: the citizen pays, the passport is printed and handed over.
    const status = await eventually(async () => {
      const { body } = await call('GET', `/v1/renewals/${renewalId}/status`, citizen);
      return body.billNumber ? body : undefined;
    }, 'the bill number');
    const paid = await fetch(`${sandboxes}/sandbox/sadad/bills/${status.billNumber}/payment`, { method: 'POST' });
    expect(paid.status).toBe(200);
    await waitForStage(renewalId, 'READY_FOR_PICKUP');
    const counter = `/v1/counter/renewals/${renewalId}`;
    const verification = { presentedPassportNumber: 'N1234567', identityConfirmed: true };
    expect((await call('POST', `${counter}/verification`, clerk, verification)).body).toMatchObject({ matched: true });
    expect((await call('POST', `${counter}/handover`, clerk, {})).status).toBe(200);
    await waitForStage(renewalId, 'COMPLETED');

    // A clean stop leaves nothing running and no pid file behind.
    const children = pidFiles.list().filter((record) => record.name !== 'launcher');
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    for (const child of children) expect(await waitForExit(child.pid, 10_000)).toBe(true);
    expect(pidFiles.list()).toEqual([]);
  }, 420_000);
});
