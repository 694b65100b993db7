/**
 * The workflow types the worker hosts: the names of the functions
 * workflows/index.ts exports (a unit test holds them together). Clients start
 * workflows and visibility queries filter on them by these names.
 */
export const RENEWAL_WORKFLOW_TYPE = 'passportRenewal';
export const LOSS_CLAIM_DISPUTE_WORKFLOW_TYPE = 'lossClaimDispute';
export const HOUSEKEEPING_WORKFLOW_TYPE = 'housekeeping';
