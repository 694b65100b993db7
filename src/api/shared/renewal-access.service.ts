import { Injectable } from '@nestjs/common';
import type { RenewalRecord } from '../../persistence/entities/renewal.entity';
import { RenewalScope, RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import type { Principal } from '../auth/principal';
import { renewalNotFound } from './renewal-not-found';

/** Which renewals a caller may see: a citizen their own, a clerk their office's, an operator all. */
function visibleScope(principal: Principal): RenewalScope | undefined {
  switch (principal.role) {
    case 'citizen':
      return { nationalId: principal.subject };
    case 'clerk':
      return { officeId: principal.office };
    case 'operator':
      return {};
    default:
      return undefined;
  }
}

/** Reads a renewal from the read model on behalf of a caller, refusing (404) what they may not see. */
@Injectable()
export class RenewalAccess {
  constructor(private readonly renewals: RenewalsRepository) {}

  async require(principal: Principal, renewalId: string): Promise<RenewalRecord> {
    const scope = visibleScope(principal);
    const record = scope && (await this.renewals.findInScope(renewalId, scope));
    if (!record) throw renewalNotFound(renewalId);
    return record;
  }
}
