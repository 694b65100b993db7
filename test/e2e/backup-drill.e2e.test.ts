import { type ChildProcess, execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { tallyFromSandboxes } from '../../dev/chaos/tally';
import { HeldTokens } from '../../dev/identity/held-tokens';
import { PidFiles } from '../../dev/launcher/pid-files';
import { isAlive } from '../../dev/launcher/process-info';
import { PROJECT_ROOT } from '../../src/config/paths';
import { ensureBuilt } from '../support/shell';
import { eventually } from '../support/eventually';
import { embeddedStackEnv, startEmbedded, whenServing } from '../support/embedded-stack';

const run = promisify(execFile);

/** The seeded citizens of the drill (dev/sandboxes/seed-people.ts), each with the passport in their hands. */
const PEOPLE = {
  counter: { nationalId: '1044172631', passportNumber: 'A4417263', method: 'PICKUP' },
  post: { nationalId: '1077330197', passportNumber: 'R7733019', method: 'POST' },
  printing: { nationalId: '1033901255', passportNumber: 'A3390125', method: 'PICKUP' },
  unpaid: { nationalId: '1066928308', passportNumber: 'M6692830', method: 'PICKUP' },
} as const;
type Role = keyof typeof PEOPLE;

/** The fields of the API's answers the drill reads. */
interface Answer {
  renewalId: string;
  stage: string;
  requiredPledgeIds: string[];
  billNumber?: string;
  matched?: boolean;
}

/**
 * The backup drill: `npm start` with renewals in flight at four stages (awaiting payment, printing, in the post,
 * at the counter), stopped, backed up (`npm run backup`), its data folder destroyed, restored (`npm run restore`)
 * and started again: every renewal goes on to COMPLETED, and the partners' own tables (the sandbox schema, in
 * the restored database) count no duplicate print job, shipment, charge or activation.
 */
describe('backup drill: stop, back up, destroy, restore, start', () => {
  let workDir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let api: string;
  let sandboxes: string;
  let postgresPort: number;
  /** The stack's own sandbox identity provider, and the drill's people signed in there (again after the restore). */
  let identity: string;
  let tokens: HeldTokens;
  const running: ChildProcess[] = [];

  async function stop(started: { child: ChildProcess }): Promise<void> {
    const exited = new Promise((resolve) => started.child.once('exit', resolve));
    started.child.kill('SIGINT');
    await exited;
  }

  const auth = async (token: Promise<string>) => ({
    authorization: `Bearer ${await token}`,
    'content-type': 'application/json',
  });
  const citizen = (role: Role) => auth(tokens.citizen(PEOPLE[role].nationalId));
  const clerk = () => auth(tokens.clerk('RUH-01'));

  async function call(method: string, path: string, who: Promise<Record<string, string>>, body?: object) {
    const headers = await who;
    const response = await fetch(`${api}${path}`, {
      method,
      headers: method === 'POST' ? { ...headers, 'idempotency-key': randomUUID() } : headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Answer };
  }

  const ids = {} as Record<Role, string>;
  const stageOf = async (role: Role) =>
    (await call('GET', `/v1/renewals/${ids[role]}/status`, citizen(role))).body.stage;
  const waitForStage = (role: Role, stages: string[], timeoutMs = 60_000) =>
    eventually(
      async () => {
        const stage = await stageOf(role);
        return stages.includes(stage) ? stage : undefined;
      },
      `${role} in ${stages.join(' or ')}`,
      timeoutMs,
    );

  async function pay(role: Role): Promise<void> {
    const status = await eventually(async () => {
      const { body } = await call('GET', `/v1/renewals/${ids[role]}/status`, citizen(role));
      return body.billNumber ? body : undefined;
    }, `${role}'s bill`);
    const paid = await fetch(`${sandboxes}/sandbox/sadad/bills/${status.billNumber}/payment`, { method: 'POST' });
    expect({ role, paid: paid.status }).toEqual({ role, paid: 200 });
  }

  async function handOver(role: Role): Promise<void> {
    await waitForStage(role, ['READY_FOR_PICKUP']);
    const counter = `/v1/counter/renewals/${ids[role]}`;
    const verification = { presentedPassportNumber: PEOPLE[role].passportNumber, identityConfirmed: true };
    expect((await call('POST', `${counter}/verification`, clerk(), verification)).body).toMatchObject({
      matched: true,
    });
    expect((await call('POST', `${counter}/handover`, clerk(), {})).status).toBe(200);
  }

  const node = (...args: string[]) =>
    run(process.execPath, [join(PROJECT_ROOT, 'dist/dev/backup/main.js'), ...args], { env, cwd: PROJECT_ROOT });

  beforeAll(async () => {
    ensureBuilt();
    workDir = mkdtempSync(join(tmpdir(), 'backup-drill-'));
    dataDir = join(workDir, 'data');
    // Run as root, embedded PostgreSQL runs as `postgres`, which must reach its folder.
    chmodSync(workDir, 0o755);
    ({ env, api, identity, sandboxes, postgresPort } = await embeddedStackEnv(dataDir, {
      // Fast partners, slow enough that each renewal is caught where the drill wants it when the stack stops.
      SANDBOX_PRINT_CENTRE_DELAY_MS: '6000',
      SANDBOX_SAUDI_POST_STEP_DELAY_MS: '4000',
      SANDBOX_POLL_INTERVAL_MS: '200',
      POLICY_DELIVERY_SLA: '5 minutes',
    }));
  });

  afterAll(async () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (existsSync(dataDir))
      for (const record of new PidFiles(dataDir).list()) if (isAlive(record.pid)) process.kill(record.pid, 'SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  it('every renewal in flight goes on to its end after a restore, with no duplicate at any partner', async () => {
    const first = startEmbedded(env, running);
    await whenServing(first, api);
    tokens = new HeldTokens(identity);
    for (const role of Object.keys(PEOPLE) as Role[]) {
      const created = await call('POST', '/v1/renewals', citizen(role), { officeId: 'RUH-01' });
      expect({ role, status: created.status }).toEqual({ role, status: 202 });
      ids[role] = created.body.renewalId;
      await waitForStage(role, ['AWAITING_ACCEPTANCE']);
      const review = await call('GET', `/v1/renewals/${ids[role]}/review`, citizen(role));
      const method = PEOPLE[role].method;
      const accepted = await call('POST', `/v1/renewals/${ids[role]}/acceptance`, citizen(role), {
        photoConfirmed: true,
        englishNameConfirmed: true,
        acceptedPledgeIds: review.body.requiredPledgeIds,
        validityYears: 10,
        delivery: method === 'POST' ? { method } : { method, officeId: 'RUH-01' },
      });
      expect({ role, status: accepted.status }).toEqual({ role, status: 200 });
      await waitForStage(role, ['AWAITING_PAYMENT']);
    }
    await pay('counter');
    await pay('post');
    await waitForStage('counter', ['READY_FOR_PICKUP']);
    await waitForStage('post', ['DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY']);
    await pay('printing');
    await waitForStage('printing', ['PRINTING']);
    const before = Object.fromEntries(
      await Promise.all((Object.keys(PEOPLE) as Role[]).map(async (role) => [role, await stageOf(role)])),
    );
    await stop(first);

    const backupDir = join(workDir, 'backup');
    const backedUp = await node('backup', '--data-dir', dataDir, '--to', backupDir);
    rmSync(dataDir, { recursive: true, force: true });
    const restored = await node('restore', '--data-dir', dataDir, '--from', backupDir);
    // PostgreSQL's cluster, the dev server's SQLite file, the roles' passwords and the sandbox identity provider's
    // keys and client secrets (the payload keys come from the suite's environment here; npm start without
    // PAYLOAD_KEYS keeps its own in the folder, and they come back too).
    expect(readdirSync(dataDir)).toEqual(
      expect.arrayContaining(['postgres', 'postgres-roles.json', 'temporal.sqlite', 'identity-secrets.json']),
    );

    const second = startEmbedded(env, running);
    await whenServing(second, api);
    tokens = new HeldTokens(identity);
    await pay('unpaid');
    await handOver('counter');
    await handOver('printing');
    await handOver('unpaid');
    for (const role of Object.keys(PEOPLE) as Role[]) await waitForStage(role, ['COMPLETED'], 90_000);
    expect(second.output()).not.toMatch(/permission denied/);

    const admin = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${postgresPort}/renewals` });
    await admin.connect();
    const tally = await tallyFromSandboxes(
      admin,
      (Object.keys(PEOPLE) as Role[]).map((role) => ({
        renewalId: ids[role],
        nationalId: PEOPLE[role].nationalId,
        oldPassportNumber: PEOPLE[role].passportNumber,
        stage: 'COMPLETED',
      })),
    ).finally(() => admin.end());
    // Never a copy of a running stack, and never a restore over data unless asked.
    await expect(node('backup', '--data-dir', dataDir, '--to', join(workDir, 'while-running'))).rejects.toMatchObject({
      stderr: expect.stringContaining(`${dataDir} is in use by a running launcher`),
    });
    await stop(second);
    await expect(node('restore', '--data-dir', dataDir, '--from', backupDir)).rejects.toMatchObject({
      stderr: expect.stringContaining(`${dataDir} is not empty`),
    });

    const effects = {
      'print jobs (per issue)': tally.printJobs,
      'shipments (per dispatch)': tally.shipments,
      'bills charged (per renewal)': tally.billsCharged,
      'passports activated (per renewal)': tally.passportsActivated,
    };
    console.log(
      [
        'Backup drill',
        `  stages at the stop: ${JSON.stringify(before)}`,
        `  ${backedUp.stdout.trim()}`,
        `  ${restored.stdout.trim()}`,
        '  after the restore, every renewal COMPLETED; from the sandboxes’ own tables:',
        ...Object.entries(effects).map(
          ([what, count]) =>
            `    ${what.padEnd(34)} ${count.effects} for ${count.units}, duplicates: ${count.duplicated.length}`,
        ),
        `    old passports still valid          ${tally.oldPassportStillValid.length}`,
      ].join('\n'),
    );
    expect(before).toEqual({
      counter: 'READY_FOR_PICKUP',
      post: expect.stringMatching(/^(DISPATCHED|IN_TRANSIT|OUT_FOR_DELIVERY)$/),
      printing: 'PRINTING',
      unpaid: 'AWAITING_PAYMENT',
    });
    expect(tally.printJobs).toMatchObject({ effects: 4, units: 4, duplicated: [] });
    expect(tally.shipments).toMatchObject({ effects: 1, units: 1, duplicated: [] });
    expect(tally.billsCharged).toMatchObject({ effects: 4, units: 4, duplicated: [] });
    expect(tally.passportsActivated).toMatchObject({ effects: 4, units: 4, duplicated: [] });
    expect(tally.activationMismatches).toEqual([]);
    expect(tally.oldPassportStillValid).toEqual([]);
  }, 300_000);
});
