import { WithStartWorkflowOperation, WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../src/config/policy';
import {
  AcceptanceRequest,
  acceptTermsUpdate,
  addressRegisteredSignal,
  CancellationRequest,
  cancelRenewalUpdate,
  CarrierEvent,
  carrierEventSignal,
  declareShipmentLostSignal,
  handOverUpdate,
  openRenewalUpdate,
  paymentReceivedSignal,
  printJobCompletedSignal,
  printJobFailedSignal,
  RENEWAL_WORKFLOW_TYPE,
  type RenewalInput,
  type RenewalOpened,
  type RenewalPolicy,
  type RenewalStage,
  type RenewalStatus,
  renewalWorkflowId,
  statusQuery,
  verifyOldPassportUpdate,
} from '../../workflows/contract';
import { CITIZEN, FakePartners } from './fake-partners';
import { createTestWorker, createTimeSkippingEnvironment } from './temporal-test-env';

export const HISTORIES_DIR = join(__dirname, '..', 'replay', 'histories');
/** The name ending of histories recorded by this version of the workflow. */
export const RECORDED_HISTORY_SUFFIX = '-v1.json';
const MAX_NAME = 160;

export const PICKUP_ACCEPTANCE: AcceptanceRequest = {
  photoConfirmed: true,
  englishNameConfirmed: true,
  acceptedPledgeIds: [...DEFAULT_POLICY.requiredPledgeIds],
  validityYears: 10,
  delivery: { method: 'PICKUP', officeId: 'RUH-01' },
};

export const POST_ACCEPTANCE: AcceptanceRequest = { ...PICKUP_ACCEPTANCE, delivery: { method: 'POST' } };

/**
 * `RECORD_HISTORIES=1 npx jest test/workflows` writes each test's history under
 * test/replay/histories/, where the replay test (part of `npm test`) replays
 * them against the current workflow code to catch non-deterministic changes.
 * Payloads are encrypted with the suite's test key. One generation, `-v1`: a
 * later `patched()` change records a generation of its own beside it (a new
 * suffix here) while executions started before it may still be running.
 */
async function recordHistoryIfAsked(handle: WorkflowHandle): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const testName = expect.getState().currentTestName ?? handle.workflowId;
  const slug = testName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  // File names stop at 255 bytes: a long test name keeps its start and a digest of the whole.
  const fileName =
    slug.length <= MAX_NAME
      ? slug
      : `${slug.slice(0, MAX_NAME - 9)}-${createHash('sha256').update(slug).digest('hex').slice(0, 8)}`;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(
    join(HISTORIES_DIR, `${fileName}${RECORDED_HISTORY_SUFFIX}`),
    historyToJSON(await handle.fetchHistory()) + '\n',
  );
}

interface RunOptions {
  fake?: FakePartners;
  policy?: Partial<RenewalPolicy>;
  nationalId?: string;
  /** Start the renewal as `POST /v1/renewals` does: update-with-start with the opening update. */
  openByUpdate?: boolean;
}

/**
 * Drives one renewal through the time-skipping server the way its actors would:
 * the citizen accepts, SADAD reports the payment, the print centre reports the
 * passport, the carrier reports tracking events, the clerk verifies and hands over.
 */
export class RenewalDriver {
  private eventCount = 0;
  private printedCount = 0;
  private readonly answeredPrintJobs = new Set<string>();

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly fake: FakePartners,
    readonly handle: WorkflowHandle,
    readonly input: RenewalInput,
    /** The opening's answer, when the renewal was started as the API starts it (`openByUpdate`). */
    readonly opened?: RenewalOpened,
  ) {}

  /**
   * Starts a time-skipping server of its own (so no test's clock or leftovers
   * reach another), a worker and a renewal; `scenario` runs while the worker polls.
   */
  static async run<T>(options: RunOptions, scenario: (driver: RenewalDriver) => Promise<T>): Promise<T> {
    const env = await createTimeSkippingEnvironment();
    try {
      return await RenewalDriver.runIn(env, options, scenario);
    } finally {
      await env.teardown();
    }
  }

  private static async runIn<T>(
    env: TestWorkflowEnvironment,
    options: RunOptions,
    scenario: (driver: RenewalDriver) => Promise<T>,
  ): Promise<T> {
    const fake = options.fake ?? new FakePartners();
    const taskQueue = `renewal-test-${randomUUID()}`;
    const worker: Worker = await createTestWorker(env, taskQueue, {
      ...fake.activities,
      ...fake.maintenanceActivities,
    });
    const input: RenewalInput = {
      renewalId: randomUUID(),
      nationalId: options.nationalId ?? CITIZEN.nationalId,
      officeId: 'RUH-01',
      policy: { ...DEFAULT_POLICY, ...options.policy },
    };
    return worker.runUntil(async () => {
      const start = { workflowId: renewalWorkflowId(input.renewalId), taskQueue, args: [input] };
      let opened: RenewalOpened | undefined;
      let handle: WorkflowHandle;
      if (options.openByUpdate) {
        const startWorkflowOperation = new WithStartWorkflowOperation(RENEWAL_WORKFLOW_TYPE, {
          ...start,
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        opened = await env.client.workflow.executeUpdateWithStart(openRenewalUpdate, { startWorkflowOperation });
        handle = await startWorkflowOperation.workflowHandle();
      } else {
        handle = await env.client.workflow.start(RENEWAL_WORKFLOW_TYPE, start);
      }
      try {
        const result = await scenario(new RenewalDriver(env, fake, handle, input, opened));
        // Every path is checked against the safety rule, not just the ones that test it on purpose.
        if (fake.safetyViolations.length) throw new Error(`Safety rule broken: ${fake.safetyViolations.join('; ')}`);
        await recordHistoryIfAsked(handle);
        return result;
      } finally {
        // Stop what the scenario left running (a closed workflow may already be gone from the test server).
        await handle.terminate('test finished').catch((error) => {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        });
      }
    });
  }

  status(): Promise<RenewalStatus> {
    return this.handle.query(statusQuery);
  }

  /** Polls the status query (real time: activities here answer at once) until the stage is reached. */
  async waitForStage(stage: RenewalStage, timeoutMs = 15_000): Promise<RenewalStatus> {
    const deadline = Date.now() + timeoutMs;
    let last: RenewalStatus | undefined;
    while (Date.now() < deadline) {
      last = await this.status();
      if (last.stage === stage) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Renewal never reached ${stage}; it is ${last?.stage}: ${JSON.stringify(last?.timeline)}`);
  }

  /** Polls the status query until `done` holds (the status follows the read model, one activity behind a signal). */
  async waitForStatus(
    done: (status: RenewalStatus) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<RenewalStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status();
      if (done(status)) return status;
      if (Date.now() > deadline) throw new Error(`Status never showed ${what}: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Notices go out beside the flow, so a test waits for the one it expects. */
  async waitForNotice(notice: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.fake.noticeKinds().includes(notice)) {
      if (Date.now() > deadline) throw new Error(`No ${notice} notice; sent: ${this.fake.noticeKinds().join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  stagesVisited(): RenewalStage[] {
    return this.fake.stages.map((change) => change.stage).filter((stage, i, all) => stage !== all[i - 1]);
  }

  async accept(request: AcceptanceRequest = PICKUP_ACCEPTANCE) {
    await this.waitForStage('AWAITING_ACCEPTANCE');
    return this.handle.executeUpdate(acceptTermsUpdate, { args: [request] });
  }

  async pay(): Promise<void> {
    const status = await this.waitForStage('AWAITING_PAYMENT');
    await this.handle.signal(paymentReceivedSignal, {
      billNumber: status.billNumber!,
      paymentId: `PAY-${randomUUID()}`,
      amountSar: status.amountDueSar!,
      paidAt: new Date(await this.env.currentTimeMs()).toISOString(),
    });
  }

  async acceptAndPay(request: AcceptanceRequest = PICKUP_ACCEPTANCE): Promise<void> {
    await this.accept(request);
    await this.pay();
  }

  /** Accepted for home delivery, paid, printed and handed to the carrier; returns the new passport's number. */
  async dispatchByPost(): Promise<string> {
    await this.acceptAndPay(POST_ACCEPTANCE);
    const passport = await this.completePrint();
    await this.waitForStage('DISPATCHED');
    return passport;
  }

  async registerAddress(): Promise<void> {
    this.fake.waselSubscribed = true;
    await this.handle.signal(addressRegisteredSignal);
  }

  /** The print centre reports the current job printed; returns the new passport number. */
  async completePrint(): Promise<string> {
    const jobKey = await this.currentPrintJob();
    this.printedCount += 1;
    const passportNumber = `X${String(20_000_000 + this.printedCount)}`;
    await this.handle.signal(printJobCompletedSignal, {
      jobKey,
      passportNumber,
      issuedOn: '2026-11-28',
      expiresOn: '2036-11-27',
    });
    return passportNumber;
  }

  async failPrint(reason = 'CHIP_WRITE_ERROR'): Promise<void> {
    await this.handle.signal(printJobFailedSignal, { jobKey: await this.currentPrintJob(), reason });
  }

  /** The print job submitted and not answered yet. */
  private async currentPrintJob(): Promise<string> {
    await this.waitForStage('PRINTING');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const jobKey = this.fake.printJobs.find((job) => !this.answeredPrintJobs.has(job));
      if (jobKey) {
        this.answeredPrintJobs.add(jobKey);
        return jobKey;
      }
      if (Date.now() > deadline) throw new Error('No unanswered print job was submitted');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async verifyAtCounter(presentedPassportNumber: string, identityConfirmed = true) {
    return this.handle.executeUpdate(verifyOldPassportUpdate, {
      args: [{ clerkId: 'clerk-7', presentedPassportNumber, identityConfirmed }],
    });
  }

  async handOver(passportNumber: string) {
    this.fake.confirm(passportNumber);
    return this.handle.executeUpdate(handOverUpdate, { args: [{ clerkId: 'clerk-7' }] });
  }

  /** A carrier tracking event for the current shipment (or the one given). */
  async carrier(type: CarrierEvent['type'], options: Partial<Omit<CarrierEvent, 'type'>> = {}): Promise<CarrierEvent> {
    this.eventCount += 1;
    const event: CarrierEvent = {
      eventId: options.eventId ?? `EV-${this.input.renewalId}-${this.eventCount}`,
      trackingNumber: options.trackingNumber ?? this.fake.trackingNumbers.at(-1)!,
      type,
      occurredAt: options.occurredAt ?? new Date(await this.env.currentTimeMs()).toISOString(),
      ...(options.proof ? { proof: options.proof } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
    };
    await this.handle.signal(carrierEventSignal, event);
    return event;
  }

  async deliver(passportNumber: string, proof: 'OTP' | 'ID_CHECK' = 'OTP'): Promise<void> {
    this.fake.confirm(passportNumber);
    await this.carrier('DELIVERED', { proof });
  }

  async declareLost(): Promise<void> {
    await this.handle.signal(declareShipmentLostSignal, {
      operatorId: 'operator-1',
      reason: 'carrier confirmed by phone',
    });
  }

  cancel(role: CancellationRequest['requestedBy']['role'], reason = 'changed my mind') {
    return this.handle.executeUpdate(cancelRenewalUpdate, {
      args: [{ requestedBy: { role, id: role === 'CITIZEN' ? 'citizen' : 'operator-1' }, reason }],
    });
  }
}
