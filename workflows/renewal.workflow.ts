import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { CitizenFacts } from '../src/integrations/civil-registry/port';
import type { PrintedPassport } from '../src/integrations/print-centre/port';
import { printing, registry } from './activities';
import { eligibilityProblem } from './eligibility';
import { printJobKey } from './ids';
import {
  CounterVerificationRequest,
  HandoverRequest,
  handOverUpdate,
  statusQuery,
  verifyOldPassportUpdate,
} from './messages';
import { StageTracker } from './stage-tracker';
import type { RenewalInput, RenewalOutcome, RenewalStatus } from './types';

const VALIDITY_YEARS = 10;

/**
 * One passport renewal, from the eligibility check to the handover at the
 * counter. This function is the renewal's whole state machine: it decides,
 * the activities do the I/O.
 */
export async function passportRenewal(input: RenewalInput): Promise<RenewalOutcome> {
  const tracker = new StageTracker(input);
  let citizen: CitizenFacts | undefined;
  let printed: PrintedPassport | undefined;
  let counterMismatches = 0;
  let oldPassportVerified = false;
  let handedOver = false;
  let handedOverBy: string | undefined;
  let rejectionReason: string | undefined;
  let outcome: RenewalOutcome | undefined;

  setHandler(statusQuery, (): RenewalStatus => ({
    renewalId: input.renewalId,
    stage: tracker.stage,
    deliveryMethod: tracker.deliveryMethod,
    officeId: input.officeId,
    timeline: tracker.timeline,
    pendingAction: pendingAction(),
    rejectionReason,
    counterMismatches,
  }));

  function pendingAction(): string | undefined {
    if (tracker.stage !== 'READY_FOR_PICKUP') return undefined;
    return oldPassportVerified ? 'CLERK_HAND_OVER_NEW_PASSPORT' : 'CITIZEN_VISIT_OFFICE_WITH_OLD_PASSPORT';
  }

  setHandler(
    verifyOldPassportUpdate,
    (request: CounterVerificationRequest) => {
      const matched = request.presentedPassportNumber.toUpperCase() === citizen?.currentPassport?.passportNumber;
      if (matched) oldPassportVerified = true;
      else counterMismatches += 1;
      return { matched, mismatchesSoFar: counterMismatches };
    },
    {
      validator: (request: CounterVerificationRequest) => {
        requireStage(tracker, 'READY_FOR_PICKUP');
        if (!request.identityConfirmed) {
          throw ApplicationFailure.nonRetryable(
            "The clerk must confirm the holder's identity first",
            'IdentityNotConfirmed',
          );
        }
      },
    },
  );

  setHandler(
    handOverUpdate,
    async (request: HandoverRequest) => {
      handedOverBy = request.clerkId;
      handedOver = true;
      // Answer the clerk once the handover is recorded everywhere, so what they see next is final.
      await condition(() => outcome !== undefined);
      return { newPassportNumber: printed!.passportNumber };
    },
    {
      validator: (_request: HandoverRequest) => {
        requireStage(tracker, 'READY_FOR_PICKUP');
        if (!oldPassportVerified) {
          throw ApplicationFailure.nonRetryable('The old passport has not been matched yet', 'OldPassportNotVerified');
        }
        if (handedOver)
          throw ApplicationFailure.nonRetryable('The passport is already being handed over', 'AlreadyHandedOver');
      },
    },
  );

  await tracker.enter('ELIGIBILITY_CHECK');
  citizen = await registry.lookUpCitizen(input.nationalId);
  rejectionReason = eligibilityProblem(citizen);
  if (rejectionReason) {
    await tracker.enter('REJECTED', { note: rejectionReason });
    return { stage: 'REJECTED', rejectionReason };
  }

  await tracker.enter('PRINTING');
  printed = await printing.printPassport({
    jobKey: printJobKey(input.renewalId, 1),
    officeId: input.officeId,
    validityYears: VALIDITY_YEARS,
  });

  await tracker.enter('READY_FOR_PICKUP');
  await condition(() => handedOver);

  // Safety rule: the new passport becomes valid only now, on a confirmed handover.
  await registry.completeHandover({
    renewalId: input.renewalId,
    newPassport: { ...printed, nationalId: input.nationalId },
    oldPassportNumber: citizen?.currentPassport?.passportNumber,
  });
  await tracker.enter('COMPLETED', { note: `handed over by clerk ${handedOverBy}` });
  outcome = { stage: 'COMPLETED', newPassportNumber: printed.passportNumber };
  return outcome;
}

function requireStage(tracker: StageTracker, expected: StageTracker['stage']): void {
  if (tracker.stage !== expected) {
    throw ApplicationFailure.nonRetryable(`The renewal is ${tracker.stage}, not ${expected}`, 'WrongStage');
  }
}
