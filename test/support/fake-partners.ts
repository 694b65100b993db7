import { Context } from '@temporalio/activity';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import type {
  AlertToRaise,
  CitizenFacts,
  CitizenNotice,
  LossClaimDisputeRequest,
  MaintenanceActivities,
  NoticeParams,
  ProgressRecord,
  RenewalActivities,
  RenewalStage,
} from '../../workflows/contract';
import { SEEDED_CITIZEN, validPassportOf } from './fixtures';

/** The partner systems behind the activities, as a fault takes one down whole. */
export type Partner = 'CIVIL_REGISTRY' | 'SADAD' | 'WASEL' | 'PRINT_CENTRE' | 'SAUDI_POST';

const PARTNER_OF: Partial<Record<keyof RenewalActivities, Partner>> = {
  lookUpCitizen: 'CIVIL_REGISTRY',
  recordPrintedPassport: 'CIVIL_REGISTRY',
  activateNewPassport: 'CIVIL_REGISTRY',
  voidPassport: 'CIVIL_REGISTRY',
  issueBill: 'SADAD',
  cancelBill: 'SADAD',
  refundBill: 'SADAD',
  checkNationalAddress: 'WASEL',
  submitPrintJob: 'PRINT_CENTRE',
  cancelPrintJob: 'PRINT_CENTRE',
  dispatchShipment: 'SAUDI_POST',
  recallShipment: 'SAUDI_POST',
  openLossClaim: 'SAUDI_POST',
};

/** A partner's transient failure (retried). Benign: the worker logs it at DEBUG, not once per skipped retry. */
function unavailable(name: keyof RenewalActivities, what: string): ApplicationFailure {
  return ApplicationFailure.create({
    message: `${PARTNER_OF[name]}: ${what}`,
    type: 'PartnerUnavailable',
    category: ApplicationFailureCategory.BENIGN,
  });
}

/** How a partner is down: every call fails (a 503, retried), or no call ever returns. */
export type Fault = 'FAILS' | 'HANGS';

export interface ActivityCall {
  name: keyof RenewalActivities;
  input: unknown;
}

/** A line the projection added to the timeline. */
export interface ProjectedStage {
  sequence: number;
  stage: RenewalStage;
  at: string;
  slaBreached: boolean;
  stageDeadline?: string;
  note?: string;
}

/** A notice the projection queued for the SMS sender. */
export interface QueuedNotice {
  sequence: number;
  notice: CitizenNotice;
  params: NoticeParams;
}

const { passportNumber, expiresOn } = validPassportOf(SEEDED_CITIZEN);

/** What the registry says of the seeded citizen (fixtures.ts): eligible, with a valid passport. */
export const CITIZEN: CitizenFacts = {
  nationalId: SEEDED_CITIZEN.nationalId,
  isCitizen: true,
  dateOfBirth: SEEDED_CITIZEN.dateOfBirth,
  travelBan: false,
  unpaidFinesSar: 0,
  biometricsOnRecord: true,
  currentPassport: { passportNumber, status: 'VALID', expiresOn },
};

/** A date of birth that makes someone `years` old now (each test's time-skipping server starts at the real time). */
export function bornYearsAgo(years: number): string {
  const now = new Date();
  return `${now.getUTCFullYear() - years - 1}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/** A partner call the test keeps in flight (`FakePartners.hold`). */
export interface HeldCall {
  /** Resolves once the workflow has made the call. */
  reached: Promise<void>;
  /** Lets the call go on. */
  release(): void;
  /** Resolves once the call, released, has had its effect. */
  finished: Promise<void>;
}

interface Hold {
  arrive: () => void;
  released: Promise<void>;
  finish: () => void;
}

/**
 * The partner systems as workflow tests see them: in-memory, stateful, and
 * recording every activity call in order. The registry keeps passport states
 * so a test can check the safety rule: a passport is activated only after the
 * test confirmed its handover or delivery (`confirm`), never before.
 */
export class FakePartners {
  readonly calls: ActivityCall[] = [];
  /** Every write of the renewal's progress (local activity), in the order the worker ran them. */
  readonly progress: ProgressRecord[] = [];
  readonly stages: ProjectedStage[] = [];
  readonly notices: QueuedNotice[] = [];
  readonly alerts: AlertToRaise[] = [];
  /** Our shipment rows closed, by a progress write. */
  readonly shipmentClosures: Array<{ shipmentKey: string; status: string }> = [];
  /** Our bill mirror marked paid, likewise. */
  readonly paidBills: string[] = [];
  readonly passports = new Map<string, string>();
  readonly safetyViolations: string[] = [];
  readonly printJobs: string[] = [];
  readonly trackingNumbers: string[] = [];
  /** Shipments the carrier has delivered (its DELIVERED event may not have reached the renewal yet). */
  readonly deliveredByCarrier = new Set<string>();
  /** Tracking number by shipment key. */
  private readonly shipments = new Map<string, string>();
  waselSubscribed = true;
  /** Progress writes that fail before one succeeds again (the database is down). */
  progressOutage = 0;
  /** Wasel answers with an address that fails validation (a permanent, typed failure). */
  waselReturnsMalformedAddress = false;
  /** Loss claims disputed (the dispute workflow's activity), in order. */
  readonly disputes: LossClaimDisputeRequest[] = [];
  /** Calls to a partner that was down, by activity: attempts that never took effect. */
  readonly failedAttempts = new Map<keyof RenewalActivities, number>();
  private readonly faults = new Map<Partner, { fault: Fault; restored: AbortController }>();
  private readonly confirmed = new Set<string>();
  private readonly holds = new Map<keyof RenewalActivities, Hold>();
  private billCount = 0;

  constructor(private readonly citizens: Record<string, CitizenFacts> = { [CITIZEN.nationalId]: CITIZEN }) {}

  /** The test is about to confirm the handover or delivery of this passport. */
  confirm(passportNumber: string): void {
    this.confirmed.add(passportNumber);
  }

  /** The notices queued, in the order the workflow issued them. */
  noticeKinds(): string[] {
    return [...this.notices].sort((a, b) => a.sequence - b.sequence).map((n) => n.notice);
  }

  /** From now on every call to `partner` fails, or hangs, until `restore`. */
  takeDown(partner: Partner, fault: Fault): void {
    this.faults.set(partner, { fault, restored: new AbortController() });
  }

  /** The partner is back: new calls take effect, and calls hanging on it drop (as their connections would). */
  restore(partner: Partner): void {
    this.faults.get(partner)?.restored.abort();
    this.faults.delete(partner);
  }

  /** Alerts of this kind raised so far. */
  alertsOf(kind: string): AlertToRaise[] {
    return this.alerts.filter((alert) => alert.kind === kind);
  }

  callNames(): string[] {
    return this.calls.map((call) => call.name);
  }

  callsOf<T = Record<string, unknown>>(name: keyof RenewalActivities): T[] {
    return this.calls.filter((call) => call.name === name).map((call) => call.input as T);
  }

  /**
   * The next call of `name` waits until the test releases it, as a partner
   * call still in flight would: the test can cancel the renewal meanwhile.
   */
  hold(name: keyof RenewalActivities): HeldCall {
    let release!: () => void;
    let arrive!: () => void;
    let finish!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (arrive = resolve));
    const finished = new Promise<void>((resolve) => (finish = resolve));
    this.holds.set(name, { arrive, released, finish });
    return { reached, release, finished };
  }

  private record(name: keyof RenewalActivities, input: unknown): void {
    this.calls.push({ name, input });
  }

  /** A call to a partner that is down: it fails as a 503 would (and is retried), or never returns. */
  private async down(name: keyof RenewalActivities, { fault, restored }: { fault: Fault; restored: AbortController }) {
    this.failedAttempts.set(name, (this.failedAttempts.get(name) ?? 0) + 1);
    if (fault === 'HANGS') {
      // Only the worker shutting down, or the partner coming back (the connection drops), ends it.
      const dropped = new Promise<never>((_, reject) =>
        restored.signal.addEventListener('abort', () => reject(unavailable(name, 'connection reset'))),
      );
      return Promise.race([Context.current().cancelled, dropped]);
    }
    throw unavailable(name, 'unavailable');
  }

  /** `activities` with the calls the test holds kept waiting before they take effect. */
  private holding(activities: RenewalActivities): RenewalActivities {
    const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
    for (const [name, activity] of Object.entries(activities) as [
      keyof RenewalActivities,
      (typeof wrapped)[string],
    ][]) {
      wrapped[name] = async (...args) => {
        const partner = PARTNER_OF[name];
        const down = partner && this.faults.get(partner);
        if (down) return this.down(name, down);
        const held = this.holds.get(name);
        if (!held) return activity(...args);
        this.holds.delete(name);
        held.arrive();
        await held.released;
        try {
          return await activity(...args);
        } finally {
          held.finish();
        }
      };
    }
    return wrapped as unknown as RenewalActivities;
  }

  readonly activities: RenewalActivities = this.holding({
    recordProgress: async (record) => {
      this.record('recordProgress', record);
      if (this.progressOutage > 0) {
        this.progressOutage -= 1;
        throw new Error('database unavailable');
      }
      this.progress.push(record);
      const { snapshot, sequence } = record;
      for (const line of record.timeline) {
        const { slaBreached, stageDeadline } = snapshot;
        this.stages.push({
          sequence: line.sequence,
          stage: line.stage,
          at: line.at,
          slaBreached,
          stageDeadline,
          note: line.note,
        });
      }
      this.notices.push(...record.notices.map(({ notice, params }) => ({ sequence, notice, params })));
      this.alerts.push(...record.alerts);
      if (record.closedShipment) this.shipmentClosures.push(record.closedShipment);
      if (record.paidBillNumber) this.paidBills.push(record.paidBillNumber);
    },
    lookUpCitizen: async (nationalId) => {
      this.record('lookUpCitizen', nationalId);
      return this.citizens[nationalId];
    },
    recordPrintedPassport: async (input) => {
      this.record('recordPrintedPassport', input);
      // As the registry does: recording again changes nothing, so a late call cannot revive a voided passport.
      if (!this.passports.has(input.passportNumber)) this.passports.set(input.passportNumber, 'PRINTED');
    },
    activateNewPassport: async (input) => {
      this.record('activateNewPassport', input);
      if (!this.confirmed.has(input.newPassportNumber)) {
        this.safetyViolations.push(`${input.newPassportNumber} activated before its handover or delivery`);
      }
      if (this.passports.get(input.newPassportNumber) !== 'PRINTED') {
        this.safetyViolations.push(
          `${input.newPassportNumber} activated from ${this.passports.get(input.newPassportNumber)}`,
        );
      }
      this.passports.set(input.newPassportNumber, 'VALID');
      if (input.oldPassportNumber) this.passports.set(input.oldPassportNumber, 'CANCELLED');
    },
    voidPassport: async (input) => {
      this.record('voidPassport', input);
      this.passports.set(input.passportNumber, 'VOIDED');
    },
    issueBill: async (input) => {
      this.record('issueBill', input);
      this.billCount += 1;
      return { billNumber: `SADAD-${this.billCount}`, amountSar: input.amountSar, expiresAt: input.expiresAt };
    },
    cancelBill: async (input) => this.record('cancelBill', input),
    refundBill: async (input) => this.record('refundBill', input),
    checkNationalAddress: async (nationalId) => {
      this.record('checkNationalAddress', nationalId);
      if (this.waselReturnsMalformedAddress) {
        throw ApplicationFailure.nonRetryable(
          'Wasel returned an unusable national address (postalCode)',
          'MalformedAddress',
        );
      }
      return this.waselSubscribed ? 'FOUND' : 'NOT_SUBSCRIBED';
    },
    submitPrintJob: async (request) => {
      this.record('submitPrintJob', request);
      if (!this.printJobs.includes(request.jobKey)) this.printJobs.push(request.jobKey);
    },
    cancelPrintJob: async (jobKey) => this.record('cancelPrintJob', jobKey),
    recordPrintFailure: async (input) => this.record('recordPrintFailure', input),
    dispatchShipment: async (input) => {
      this.record('dispatchShipment', input);
      // Idempotent by shipment key, as the carrier is: the same issue keeps its tracking number.
      const shipmentKey = `${input.renewalId}/issue-${input.issueNumber}/shipment`;
      let trackingNumber = this.shipments.get(shipmentKey);
      if (!trackingNumber) {
        trackingNumber = `SP${String(this.trackingNumbers.length + 1).padStart(9, '0')}SA`;
        this.trackingNumbers.push(trackingNumber);
        this.shipments.set(shipmentKey, trackingNumber);
      }
      return { shipmentKey, trackingNumber, envelopeBarcode: `PE-TEST-${input.issueNumber}` };
    },
    recallShipment: async (input) => this.record('recallShipment', input),
    openLossClaim: async (input) => {
      this.record('openLossClaim', input);
      if (this.deliveredByCarrier.has(input.trackingNumber)) {
        throw ApplicationFailure.nonRetryable(
          'the carrier delivered this shipment: no loss to claim',
          'ShipmentDelivered',
        );
      }
      return { claimId: `CLAIM-${input.issueNumber}`, liabilitySar: input.liabilitySar };
    },
  });

  /** The dispute workflow's activity (the renewal starts that workflow for a delivery after a loss). */
  readonly maintenanceActivities: Pick<MaintenanceActivities, 'disputeLossClaim'> = {
    disputeLossClaim: async (request) => {
      this.disputes.push(request);
      return { claimKey: request.claimKey, status: 'DISPUTED' };
    },
  };
}
