/**
 * Deterministic identifiers and idempotency keys. They are built from the
 * renewal's opaque id, never from personal data: workflow ids, envelope
 * barcodes and keys are visible to operators and partners and are not encrypted.
 */
const RENEWAL_WORKFLOW_PREFIX = 'passport-renewal-';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export function renewalWorkflowId(renewalId: string): string {
  return `${RENEWAL_WORKFLOW_PREFIX}${renewalId}`;
}

/** The renewal a workflow id belongs to (logs and traces name both), if it is a renewal's. */
export function renewalIdOfWorkflowId(workflowId: string): string | undefined {
  return new RegExp(`^${RENEWAL_WORKFLOW_PREFIX}(${UUID})$`).exec(workflowId)?.[1];
}

/** The SADAD bill of the renewal fee (a reissue after loss costs the citizen nothing, so there is one). */
export function billKey(renewalId: string): string {
  return `${renewalId}/fee`;
}

/** One print job per (renewal, issue number, attempt after a print failure). */
export function printJobKey(renewalId: string, issueNumber: number, attempt: number): string {
  return `${renewalId}/issue-${issueNumber}/print-${attempt}`;
}

/** One shipment per (renewal, issue number). */
export function shipmentKey(renewalId: string, issueNumber: number): string {
  return `${renewalId}/issue-${issueNumber}/shipment`;
}

/** The barcode on the dedicated envelope: opaque, no personal data. */
export function envelopeBarcode(renewalId: string, issueNumber: number): string {
  return `PE${renewalId.replace(/-/g, '').toUpperCase()}${String(issueNumber).padStart(2, '0')}`;
}

/** One loss claim against the carrier per lost shipment. */
export function lossClaimKey(renewalId: string, issueNumber: number): string {
  return `${renewalId}/issue-${issueNumber}/loss-claim`;
}

/** The renewal a key or barcode above belongs to, for routing partner webhooks. */
export function renewalIdOfKey(key: string): string | undefined {
  return new RegExp(`^(${UUID})/`).exec(key)?.[1];
}
