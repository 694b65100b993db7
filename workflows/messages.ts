import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RenewalStatus } from './types';

/**
 * Signals, updates and queries of the renewal workflow, shared by the workflow
 * (which handles them) and the API (which sends them).
 */

export interface CounterVerificationRequest {
  clerkId: string;
  /** Number printed in the old passport the citizen presents at the counter. */
  presentedPassportNumber: string;
  /** The clerk confirms the person at the counter is the holder (face against photo). */
  identityConfirmed: boolean;
}

export interface CounterVerificationResult {
  matched: boolean;
  mismatchesSoFar: number;
}

export interface HandoverRequest {
  clerkId: string;
}

export interface HandoverResult {
  newPassportNumber: string;
}

export const verifyOldPassportUpdate = defineUpdate<CounterVerificationResult, [CounterVerificationRequest]>(
  'verifyOldPassport',
);
export const handOverUpdate = defineUpdate<HandoverResult, [HandoverRequest]>('handOver');
export const statusQuery = defineQuery<RenewalStatus>('status');
