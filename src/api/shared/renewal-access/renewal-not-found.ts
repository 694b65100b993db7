import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../problems/problem';

/** The same answer whether the renewal does not exist or is not the caller's: no existence leak. */
export function renewalNotFound(renewalId: string): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    'renewal-not-found',
    'Renewal not found',
    `No renewal ${renewalId}`,
  );
}
