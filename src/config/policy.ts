import { msToNumber } from '@temporalio/common/lib/time';
import { type RenewalPolicy, STANDARD_PLEDGE_IDS } from '../../workflows/contract';
import { Env, integerAtLeast, readEnv } from './env';

/**
 * The renewal policy from the environment. Durations take Temporal's duration
 * strings (`14 days`, `24h`, `90s`) so a demo can shrink the 24-hour delivery
 * SLA to seconds; counts and fees are integers. Defaults follow the real service.
 */
export const DEFAULT_POLICY: RenewalPolicy = {
  acceptanceWindowMs: msToNumber('14 days'),
  paymentWindowMs: msToNumber('3 days'),
  addressWindowMs: msToNumber('14 days'),
  eligibilityDeadlineMs: msToNumber('1 hour'),
  billIssueDeadlineMs: msToNumber('1 hour'),
  addressCheckDeadlineMs: msToNumber('1 hour'),
  printDeadlineMs: msToNumber('2 days'),
  dispatchDeadlineMs: msToNumber('1 day'),
  lossClaimDeadlineMs: msToNumber('1 day'),
  activationDeadlineMs: msToNumber('1 hour'),
  compensationWindowMs: msToNumber('1 day'),
  maxPrintAttempts: 2,
  pickupWindowWorkingDays: 10,
  pickupReminderWorkingDaysBefore: 3,
  holidays: [],
  deliverySlaMs: msToNumber('24h'),
  lossThresholdMs: msToNumber('7 days'),
  maxDeliveryAttempts: 3,
  maxReissues: 2,
  fees: { fiveYearsSar: 300, tenYearsSar: 600, postageSar: 35 },
  minAgeForTenYears: 21,
  biometricsMinAge: 12,
  requiredPledgeIds: [...STANDARD_PLEDGE_IDS],
};

/** A Temporal duration string (`14 days`, `24h`, `90s`) or milliseconds, as a positive number of milliseconds. */
export const duration = (raw: string) => {
  try {
    const value = msToNumber(/^\d+$/.test(raw) ? Number(raw) : (raw as Parameters<typeof msToNumber>[0]));
    return value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
};
const list = (pattern: RegExp) => (raw: string) => {
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.every((item) => pattern.test(item)) ? items : undefined;
};

export function loadRenewalPolicy(env: Env): RenewalPolicy {
  const d = DEFAULT_POLICY;
  const ms = (name: string, fallback: number) => readEnv(env, name, fallback, duration, 'a duration such as "24h"');
  const int = (name: string, fallback: number) => readEnv(env, name, fallback, integerAtLeast(0), 'a whole number');
  return {
    acceptanceWindowMs: ms('POLICY_ACCEPTANCE_WINDOW', d.acceptanceWindowMs),
    paymentWindowMs: ms('POLICY_PAYMENT_WINDOW', d.paymentWindowMs),
    addressWindowMs: ms('POLICY_ADDRESS_WINDOW', d.addressWindowMs),
    eligibilityDeadlineMs: ms('POLICY_ELIGIBILITY_DEADLINE', d.eligibilityDeadlineMs),
    billIssueDeadlineMs: ms('POLICY_BILL_ISSUE_DEADLINE', d.billIssueDeadlineMs),
    addressCheckDeadlineMs: ms('POLICY_ADDRESS_CHECK_DEADLINE', d.addressCheckDeadlineMs),
    printDeadlineMs: ms('POLICY_PRINT_DEADLINE', d.printDeadlineMs),
    dispatchDeadlineMs: ms('POLICY_DISPATCH_DEADLINE', d.dispatchDeadlineMs),
    lossClaimDeadlineMs: ms('POLICY_LOSS_CLAIM_DEADLINE', d.lossClaimDeadlineMs),
    activationDeadlineMs: ms('POLICY_ACTIVATION_DEADLINE', d.activationDeadlineMs),
    compensationWindowMs: ms('POLICY_COMPENSATION_WINDOW', d.compensationWindowMs),
    maxPrintAttempts: int('POLICY_MAX_PRINT_ATTEMPTS', d.maxPrintAttempts),
    pickupWindowWorkingDays: int('POLICY_PICKUP_WINDOW_WORKING_DAYS', d.pickupWindowWorkingDays),
    pickupReminderWorkingDaysBefore: int(
      'POLICY_PICKUP_REMINDER_WORKING_DAYS_BEFORE',
      d.pickupReminderWorkingDaysBefore,
    ),
    holidays: readEnv(
      env,
      'POLICY_HOLIDAYS',
      d.holidays,
      list(/^\d{4}-\d{2}-\d{2}$/),
      'comma-separated YYYY-MM-DD dates',
    ),
    deliverySlaMs: ms('POLICY_DELIVERY_SLA', d.deliverySlaMs),
    lossThresholdMs: ms('POLICY_LOSS_THRESHOLD', d.lossThresholdMs),
    maxDeliveryAttempts: int('POLICY_MAX_DELIVERY_ATTEMPTS', d.maxDeliveryAttempts),
    maxReissues: int('POLICY_MAX_REISSUES', d.maxReissues),
    fees: {
      fiveYearsSar: int('POLICY_FEE_5_YEARS_SAR', d.fees.fiveYearsSar),
      tenYearsSar: int('POLICY_FEE_10_YEARS_SAR', d.fees.tenYearsSar),
      postageSar: int('POLICY_POSTAGE_SAR', d.fees.postageSar),
    },
    minAgeForTenYears: int('POLICY_MIN_AGE_FOR_10_YEARS', d.minAgeForTenYears),
    biometricsMinAge: int('POLICY_BIOMETRICS_MIN_AGE', d.biometricsMinAge),
    requiredPledgeIds: readEnv(
      env,
      'POLICY_REQUIRED_PLEDGES',
      d.requiredPledgeIds,
      list(/^[A-Z_]+$/),
      'comma-separated pledge ids',
    ),
  };
}
