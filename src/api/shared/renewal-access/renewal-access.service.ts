import { Injectable } from '@nestjs/common';
import type { RenewalRecord } from '../../../persistence/entities/renewal.entity';
import { RenewalScope, RenewalsRepository } from '../../../persistence/repositories/renewals.repository';
import { nationalIdOf, type Principal } from '../../auth/principal';
import { ApiAudit } from '../audit/api-audit.service';
import { renewalNotFound } from './renewal-not-found';

/** Which renewals a caller may see: a citizen their own, a clerk their office's, an operator all. */
function visibleScope(principal: Principal): RenewalScope | undefined {
  switch (principal.role) {
    case 'citizen':
      return { nationalId: nationalIdOf(principal) };
    case 'clerk':
      return { officeId: principal.office };
    case 'operator':
      return {};
    default:
      return undefined;
  }
}

/** Why a caller may not act on a renewal that exists, as the audit trail records it. */
function denialReason(principal: Principal): string {
  switch (principal.role) {
    case 'citizen':
      return 'NOT_OWN_RENEWAL';
    case 'clerk':
      return 'OTHER_OFFICE';
    default:
      return 'ROLE_NOT_ALLOWED';
  }
}

/**
 * Reads a renewal from the read model on behalf of a caller, refusing (404)
 * what they may not see. A refusal of a renewal that exists is written to its
 * audit trail (who, what, why), so reaching for another's renewal leaves a
 * trace; the caller still learns nothing.
 */
@Injectable()
export class RenewalAccess {
  constructor(
    private readonly renewals: RenewalsRepository,
    private readonly audit: ApiAudit,
  ) {}

  /** `action` names what the caller tried, as its audit line would (e.g. `counter.verification`). */
  async require(principal: Principal, renewalId: string, action: string): Promise<RenewalRecord> {
    const scope = visibleScope(principal);
    const record = scope && (await this.renewals.findInScope(renewalId, scope));
    if (record) return record;
    if (await this.renewals.exists(renewalId)) {
      await this.audit.record({
        actor: principal.actor,
        renewalId,
        action,
        outcome: 'DENIED',
        details: { reason: denialReason(principal) },
      });
    }
    throw renewalNotFound(renewalId);
  }
}
