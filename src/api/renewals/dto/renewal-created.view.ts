import { ApiPropertyOptional } from '@nestjs/swagger';
import { RenewalView } from './renewal-view.dto';
import { ReviewView } from './review.view';

/**
 * The answer to `POST /v1/renewals`: the renewal with its eligibility outcome,
 * so the citizen need not poll. Eligible (`AWAITING_ACCEPTANCE`): the review to
 * accept. Rejected (`REJECTED`): the machine-readable reason. Still checking
 * (`ELIGIBILITY_CHECK`, when the check outlasts the wait): neither; follow with
 * `GET /v1/renewals/{renewalId}`.
 */
export class RenewalCreatedView extends RenewalView {
  @ApiPropertyOptional({
    example: 'TRAVEL_BAN',
    description: 'Why the renewal ended at once: the eligibility refusal for `REJECTED`',
  })
  outcomeReason?: string;

  @ApiPropertyOptional({
    type: ReviewView,
    description:
      'The data on file and the terms to accept, when the citizen is eligible (`AWAITING_ACCEPTANCE`) and the civil ' +
      'registry answered; otherwise from `GET /v1/renewals/{renewalId}/review`',
  })
  review?: ReviewView;
}
