// Entry point of the workflow bundle: every workflow the worker hosts.
export { passportRenewal } from './renewal.workflow';
export { housekeeping, lossClaimDispute } from './maintenance.workflow';
