import { renewalIdOfWorkflowId, renewalWorkflowId } from '../../workflows/contract';

/** A renewal's id in a request path (`/v1/renewals/<id>/…`, `/v1/counter/renewals/<id>/…`). */
const RENEWAL_IN_PATH = /\/renewals\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/;

/**
 * `renewalId` and `workflowId` together, so an operator can go from a log line
 * to the read model, the audit trail and the Temporal UI whichever they hold.
 * Both are opaque ids, never personal data.
 */
export interface RenewalLogFields {
  renewalId?: string;
  workflowId?: string;
}

export function fieldsOfWorkflowId(workflowId: unknown): RenewalLogFields {
  if (typeof workflowId !== 'string') return {};
  const renewalId = renewalIdOfWorkflowId(workflowId);
  return renewalId ? { renewalId, workflowId } : {};
}

export function fieldsOfPath(path: string): RenewalLogFields {
  const renewalId = RENEWAL_IN_PATH.exec(path)?.[1];
  return renewalId ? { renewalId, workflowId: renewalWorkflowId(renewalId) } : {};
}
