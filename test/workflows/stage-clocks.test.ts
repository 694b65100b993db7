import { temporal } from '@temporalio/proto';
import type { ProgressRecord, RenewalActivities } from '../../workflows/contract';
import { type Fault, FakePartners, type Partner } from '../support/fake-partners';
import { POST_ACCEPTANCE, PICKUP_ACCEPTANCE, RenewalDriver } from '../support/renewal-driver';

/**
 * Every stage on its own clock (docs/architecture.md): for each stage, the
 * partner it depends on fails every call, and separately never answers at all
 * (each attempt hangs until the server times it out). Whatever it does, the
 * stage raises its alert at its deadline and marks the renewal overdue, takes
 * its designed ending at its hard limit (twice the deadline), and undoes what
 * was done exactly once: the healthy partners' undo calls once each, the down
 * partner's undo handed to operators once.
 *
 * The clocks are seconds long: a hanging attempt holds the test server's
 * clock (it skips no time while an activity is running), so these run in
 * real time, a few seconds each; failing calls are skipped through.
 */
const D = 3_000;
/** Each undo step's window (the compensation clock). */
const W = 2_000;
const POLICY = {
  eligibilityDeadlineMs: D,
  billIssueDeadlineMs: D,
  addressCheckDeadlineMs: D,
  printDeadlineMs: D,
  dispatchDeadlineMs: D,
  lossClaimDeadlineMs: D,
  activationDeadlineMs: D,
  compensationWindowMs: W,
};

interface Row {
  stage: string;
  partner: Partner;
  /** Drives the renewal up to the partner call, takes the partner down (`down`) and starts the stage. */
  reach?(renewal: RenewalDriver, down: () => Promise<void>): Promise<void>;
  /** Raised at the deadline; none where the clock is the compensation window (its hard limit only). */
  deadlineAlert?: string;
  /** The alert that marks the designed ending, raised at the hard limit. */
  endingAlert: string;
  ending: string;
  /** Where the renewal is, or how it ended, once the ending is taken. */
  after(renewal: RenewalDriver): Promise<void>;
  /** Undo calls that must have landed exactly once (healthy partners). */
  undone: Array<keyof RenewalActivities>;
  /** Undo steps of the down partner, handed to operators exactly once each. */
  handedOver: string[];
  /** Calls that must not have been made at all. */
  never: Array<keyof RenewalActivities>;
}

const ROWS: Row[] = [
  {
    stage: 'ELIGIBILITY_CHECK',
    // Down from the start: the renewal's first call is the eligibility check.
    partner: 'CIVIL_REGISTRY',
    deadlineAlert: 'ELIGIBILITY_CHECK_OVERDUE',
    endingAlert: 'RENEWAL_FAILED',
    ending: 'FAILED (ELIGIBILITY_CHECK_TIMED_OUT)',
    after: async (renewal) => {
      expect(await renewal.handle.result()).toEqual({ stage: 'FAILED', reason: 'ELIGIBILITY_CHECK_TIMED_OUT' });
    },
    undone: [],
    handedOver: [],
    never: ['issueBill'],
  },
  {
    stage: 'AWAITING_PAYMENT (bill issue)',
    partner: 'SADAD',
    reach: async (renewal, down) => {
      await down();
      await renewal.accept(PICKUP_ACCEPTANCE);
    },
    deadlineAlert: 'BILL_ISSUE_OVERDUE',
    endingAlert: 'RENEWAL_FAILED',
    ending: 'FAILED (BILL_NOT_ISSUED)',
    after: async (renewal) => {
      expect(await renewal.handle.result()).toEqual({ stage: 'FAILED', reason: 'BILL_NOT_ISSUED' });
    },
    undone: [],
    handedOver: ['BILL_CANCELLED'],
    never: ['submitPrintJob'],
  },
  {
    stage: 'AWAITING_PAYMENT (address check, home delivery)',
    partner: 'WASEL',
    reach: async (renewal, down) => {
      await renewal.accept(POST_ACCEPTANCE);
      await down();
      await renewal.pay();
    },
    deadlineAlert: 'ADDRESS_CHECK_OVERDUE',
    endingAlert: 'ADDRESS_CHECK_TIMED_OUT',
    ending: 'pickup at the office instead, the citizen told',
    after: async (renewal) => {
      expect(await renewal.waitForStage('PRINTING')).toMatchObject({ deliveryMethod: 'PICKUP', overdue: false });
      await renewal.waitForNotice('ADDRESS_FALLBACK_TO_PICKUP');
    },
    undone: [],
    handedOver: [],
    never: ['refundBill'],
  },
  {
    stage: 'PRINTING',
    partner: 'PRINT_CENTRE',
    reach: async (renewal, down) => {
      await renewal.accept(PICKUP_ACCEPTANCE);
      await down();
      await renewal.pay();
    },
    deadlineAlert: 'PRINT_OVERDUE',
    endingAlert: 'RENEWAL_FAILED',
    ending: 'FAILED (PRINTING_FAILED)',
    after: async (renewal) => {
      expect(await renewal.handle.result()).toEqual({ stage: 'FAILED', reason: 'PRINTING_FAILED' });
    },
    undone: ['refundBill'],
    handedOver: ['PRINT_JOB_CANCELLED'],
    never: ['recordPrintedPassport'],
  },
  {
    stage: 'DISPATCHING',
    partner: 'SAUDI_POST',
    reach: async (renewal, down) => {
      await renewal.acceptAndPay(POST_ACCEPTANCE);
      await down();
      await renewal.completePrint();
    },
    deadlineAlert: 'DISPATCH_OVERDUE',
    endingAlert: 'DISPATCH_TIMED_OUT',
    ending: 'READY_FOR_PICKUP at the office instead',
    after: async (renewal) => {
      const ready = await renewal.waitForStage('READY_FOR_PICKUP');
      expect(ready).toMatchObject({ deliveryMethod: 'PICKUP', overdue: false });
      expect(ready.timeline.at(-1)).toMatchObject({ stage: 'READY_FOR_PICKUP', note: 'DISPATCH_TIMED_OUT' });
      // Meanwhile a shipment Saudi Post may have created after all is recalled, on the compensation window.
      await recordRaising(renewal.fake, 'COMPENSATION_HANDED_TO_OPERATOR', 10_000);
    },
    undone: [],
    handedOver: ['SHIPMENT_RECALLED'],
    never: ['voidPassport', 'refundBill'],
  },
  {
    stage: 'loss claim (declared lost in transit)',
    partner: 'SAUDI_POST',
    reach: async (renewal, down) => {
      await renewal.dispatchByPost();
      await renewal.carrier('ACCEPTED');
      await down();
      await renewal.declareLost();
    },
    deadlineAlert: 'LOSS_CLAIM_OVERDUE',
    endingAlert: 'LOSS_CLAIM_HANDED_TO_OPERATOR',
    ending: 'written off all the same: LOST, voided, reissued',
    after: async (renewal) => {
      expect(await renewal.waitForStage('PRINTING')).toMatchObject({ issueNumber: 2, overdue: false });
      expect(renewal.stagesVisited().slice(-3)).toEqual(['LOST', 'REISSUING', 'PRINTING']);
      expect(renewal.fake.callsOf('voidPassport')).toEqual([expect.objectContaining({ reason: 'LOST_IN_TRANSIT' })]);
    },
    undone: ['voidPassport'],
    handedOver: [],
    never: ['refundBill'],
  },
  {
    stage: 'activation (handed over at the counter)',
    partner: 'CIVIL_REGISTRY',
    reach: async (renewal, down) => {
      await renewal.acceptAndPay(PICKUP_ACCEPTANCE);
      const passport = await renewal.completePrint();
      await renewal.waitForStage('READY_FOR_PICKUP');
      await renewal.verifyAtCounter('N1234567');
      await down();
      // The clerk's handover answers once the renewal has completed: it is left waiting here.
      void renewal.handOver(passport).catch(() => undefined);
    },
    deadlineAlert: 'ACTIVATION_OVERDUE',
    endingAlert: 'ACTIVATION_HANDED_TO_OPERATOR',
    ending: 'handed to operators, still trying: COMPLETED once the registry is back',
    after: async (renewal) => {
      expect((await renewal.status()).stage).toBe('READY_FOR_PICKUP');
      renewal.fake.restore('CIVIL_REGISTRY');
      expect(await renewal.handle.result()).toMatchObject({ stage: 'COMPLETED' });
      expect(renewal.fake.callsOf('activateNewPassport')).toHaveLength(1);
    },
    undone: [],
    handedOver: [],
    never: ['voidPassport', 'refundBill'],
  },
  {
    stage: 'cancellation (refund)',
    partner: 'SADAD',
    reach: async (renewal, down) => {
      await renewal.acceptAndPay(PICKUP_ACCEPTANCE);
      await renewal.waitForStage('PRINTING');
      await down();
      // An operator cancels: the print job is cancelled, the refund waits on SADAD.
      void renewal.cancel('OPERATOR').catch(() => undefined);
    },
    endingAlert: 'COMPENSATION_HANDED_TO_OPERATOR',
    ending: 'CANCELLED, the refund handed to operators',
    after: async (renewal) => {
      expect(await renewal.handle.result()).toEqual({ stage: 'CANCELLED', reason: 'CANCELLED_BY_OPERATOR' });
    },
    undone: ['cancelPrintJob'],
    handedOver: ['PAYMENT_REFUNDED'],
    never: ['refundBill'],
  },
];

const FAULTS: Array<[Fault, string]> = [
  ['FAILS', 'fails forever'],
  ['HANGS', 'hangs forever'],
];

describe('every stage on its own clock: the partner fails or hangs forever', () => {
  for (const row of ROWS) {
    for (const [fault, how] of FAULTS) {
      const alertPart = row.deadlineAlert ? `${row.deadlineAlert} at the deadline; ` : '';
      const undoPart = [
        ...row.undone.map((call) => `${call} ×1`),
        ...row.handedOver.map((step) => `${step} handed to operators ×1`),
      ];
      it(`${row.stage} | ${row.partner} ${how} → ${alertPart}at the hard limit ${row.ending}; compensation: ${
        undoPart.join(', ') || 'none'
      }`, async () => {
        const fake = new FakePartners();
        if (!row.reach) fake.takeDown(row.partner, fault);
        await RenewalDriver.run({ fake, policy: POLICY }, async (renewal) => {
          // Workflow time when the partner went down: the stage's clock starts after it, moments later.
          let start = row.reach ? 0 : (await renewal.handle.describe()).startTime.getTime();
          await row.reach?.(renewal, async () => {
            fake.takeDown(row.partner, fault);
            start = await renewal.env.currentTimeMs();
          });
          const hardLimit = row.deadlineAlert ? 2 * D : W;
          const ending = await recordRaising(fake, row.endingAlert, 30_000);
          if (row.deadlineAlert) {
            const late = await recordRaising(fake, row.deadlineAlert, 1);
            // At the deadline, never before it, and before the hard limit; the renewal marked overdue.
            expect(Date.parse(late.at) - start).toBeGreaterThanOrEqual(D);
            expect(Date.parse(late.at) - start).toBeLessThan(2 * D);
            expect(late.snapshot.overdue).toBe(true);
            expect(Date.parse(late.snapshot.stageDeadline!)).toBeLessThanOrEqual(Date.parse(late.at));
            expect(await searchAttributeWasSet(renewal, 'Overdue')).toBe(true);
          }
          // The designed ending, at the hard limit whatever the partner did.
          expect(Date.parse(ending.at) - start).toBeGreaterThanOrEqual(hardLimit);
          expect(Date.parse(ending.at) - start).toBeLessThan(hardLimit + D);
          await row.after(renewal);

          for (const call of row.undone) expect(fake.callsOf(call)).toHaveLength(1);
          const handedOver = fake.alertsOf('COMPENSATION_HANDED_TO_OPERATOR').map((a) => a.details.compensation);
          expect(handedOver).toEqual(row.handedOver);
          for (const call of row.never) expect(fake.callsOf(call)).toHaveLength(0);
          if (row.deadlineAlert) expect(fake.alertsOf(row.deadlineAlert)).toHaveLength(1);
          expect(fake.alertsOf(row.endingAlert)).toHaveLength(1);
          // The partner really was down: it was called and never answered.
          expect([...fake.failedAttempts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        });
      });
    }
  }
});

/** The progress write that raised `kind` (waiting for it, real time). */
async function recordRaising(fake: FakePartners, kind: string, timeoutMs: number): Promise<ProgressRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = fake.progress.find((p) => p.alerts.some((alert) => alert.kind === kind));
    if (record) return record;
    if (Date.now() > deadline) {
      const raised = fake.progress.flatMap((p) => p.alerts.map((a) => a.kind));
      throw new Error(`No ${kind} alert; raised: ${raised.join(', ') || 'none'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether the workflow ever upserted the Bool search attribute `name` as true. */
async function searchAttributeWasSet(renewal: RenewalDriver, name: string): Promise<boolean> {
  const history = await renewal.handle.fetchHistory();
  const upserted = temporal.api.enums.v1.EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES;
  return (history.events ?? []).some((event) => {
    if (event.eventType !== upserted) return false;
    const payload = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.[name];
    return payload?.data ? Buffer.from(payload.data).toString() === 'true' : false;
  });
}
