import type { components } from './openapi';

/**
 * The API's bodies as the pages read and send them: names for the schemas of
 * openapi.ts, which `npm run openapi` generates from the committed openapi.json
 * (a test fails when the two differ), so a change to a DTO shows up here as a
 * type error rather than as a page reading a field that is no longer sent.
 */
type Schemas = components['schemas'];

export type RenewalView = Schemas['RenewalView'];
/** `POST /v1/renewals` answers with the renewal and, when eligible, its review. */
export type RenewalCreated = Schemas['RenewalCreatedView'];
export type RenewalPage = Schemas['RenewalPageView'];
export type RenewalStatus = Schemas['RenewalStatusView'];
export type Review = Schemas['ReviewView'];
export type AuditEvent = Schemas['AuditEventView'];
export type AuditTrailPage = Schemas['AuditTrailPageView'];
export type CancellationResult = Schemas['CancellationResultView'];
export type VerificationResult = Schemas['VerificationResultView'];
export type HandoverResult = Schemas['HandoverResultView'];

export type CreateRenewalRequest = Schemas['CreateRenewalDto'];
export type AcceptanceRequest = Schemas['AcceptanceDto'];
export type CancellationRequest = Schemas['CancellationDto'];
export type CounterLookupRequest = Schemas['CounterLookupDto'];
export type VerificationRequest = Schemas['VerifyOldPassportDto'];
export type HandoverRequest = Schemas['HandoverDto'];
export type LossDeclarationRequest = Schemas['LossDeclarationDto'];
export type OperatorCancellationRequest = Schemas['OperatorCancellationDto'];
