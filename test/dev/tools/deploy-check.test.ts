import { join } from 'node:path';
import { runReplayGate } from '../../../dev/tools/replay-gate';
import { createDataConverter } from '../../../src/temporal/data-converter';
import { requirePayloadKeys } from '../../../src/config/payload-keys';
import { seedPerson } from '../../support/fixtures';
import { citizenClient, sandboxJourneys } from '../../support/journeys';
import { type SandboxStack, startStack } from '../../support/stack';
import { requireEnv } from '../../support/temporal-test-env';
import { SEEDED } from '../../../dev/sandboxes/seed-people';

/**
 * The replay gate (npm run deploy:check) against the suite's dev server: renewals run, one to the end and one left
 * waiting for payment; their histories, downloaded encrypted and decrypted with the workers' payload keys, replay on
 * this build and fail, naming a renewal, on a build that changed the workflow without patched().
 */
describe('deploy:check, the replay gate', () => {
  let stack: SandboxStack;
  let running: string;
  let completed: string;

  beforeAll(async () => {
    stack = await startStack({ sandboxes: true });
    const journeys = sandboxJourneys(stack);
    completed = await journeys.pickupRenewal(seedPerson(SEEDED.validPassport));
    const citizen = await citizenClient(stack, seedPerson(SEEDED.prefersEnglish));
    running = await citizen.startAndAccept({ method: 'PICKUP', officeId: 'RUH-01' });
    await citizen.waitForStage(running, 'AWAITING_PAYMENT');
  }, 180_000);

  afterAll(() => stack?.stop());

  const gate = (workflows: Parameters<typeof runReplayGate>[0]['workflows']) =>
    runReplayGate({
      client: stack.temporal,
      dataConverter: createDataConverter(requirePayloadKeys(stack.config.payloadKeys)),
      workflows,
      closedSince: new Date(Date.now() - 3600_000),
      limit: 100,
      taskQueue: stack.config.temporal.taskQueue,
      log: (line) => console.log(line),
    });

  it('passes on the build the renewals run on', async () => {
    const result = await gate({ bundlePath: requireEnv('WORKFLOW_BUNDLE_PATH') });
    console.log(`deploy:check on this build: ${JSON.stringify(result)}`);
    expect(result).toEqual({ replayed: 2, running: 1, closed: 1 });
  }, 120_000);

  it('fails on a build that changed the workflow without patched(), naming the first renewal it cannot continue', async () => {
    const result = await gate({ workflowsPath: join(__dirname, 'fixtures', 'nondeterministic-workflows') });
    console.log(`deploy:check on the changed build: ${JSON.stringify(result)}`);
    // Running renewals are replayed first: the one waiting for payment is named, and nothing after it is replayed.
    expect(result).toMatchObject({ replayed: 1, running: 1, closed: 0, failure: { workflowId: expect.any(String) } });
    expect(result.failure!.workflowId).toContain(running);
    expect(result.failure!.message).toMatch(/[Nn]ondeterminis/);
    expect(completed).toBeDefined();
  }, 120_000);
});
