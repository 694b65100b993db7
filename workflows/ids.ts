/**
 * Deterministic identifiers. A workflow ID is visible in the Temporal UI and is
 * not encrypted, so it is built from the renewal's opaque id, never from the
 * citizen's national ID.
 */
const RENEWAL_WORKFLOW_PREFIX = 'passport-renewal-';

export function renewalWorkflowId(renewalId: string): string {
  return `${RENEWAL_WORKFLOW_PREFIX}${renewalId}`;
}

export function renewalIdFromWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith(RENEWAL_WORKFLOW_PREFIX) ? workflowId.slice(RENEWAL_WORKFLOW_PREFIX.length) : undefined;
}

/** Idempotency key of a print job: one job per (renewal, issue number). */
export function printJobKey(renewalId: string, issueNumber: number): string {
  return `${renewalId}/issue-${issueNumber}`;
}
