import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem';
import { ProblemView } from './problem.view';

/** What each documented error status means in this API, with an example problem. */
const PROBLEMS: Record<number, { description: string; slug: string; title: string }> = {
  400: {
    description: 'The request is not valid; `errors` names every field at fault',
    slug: 'validation-error',
    title: 'The request is not valid',
  },
  401: {
    description: 'No valid credentials: bearer token or webhook signature missing, invalid or expired',
    slug: 'authentication-required',
    title: 'Authentication required',
  },
  403: {
    description: 'The caller is authenticated but this operation is not for its role',
    slug: 'forbidden',
    title: 'Not allowed for this role',
  },
  404: {
    description: 'Not found, or not visible to this caller',
    slug: 'renewal-not-found',
    title: 'Renewal not found',
  },
  409: {
    description: 'Conflicts with the current state or with an earlier use of the Idempotency-Key',
    slug: 'idempotency-key-reused',
    title: 'Idempotency-Key already used for a different request',
  },
  410: {
    description: 'The envelope is no longer in transit',
    slug: 'envelope-closed',
    title: 'Envelope no longer in transit',
  },
  415: {
    description: 'Webhooks are JSON: send `content-type: application/json`',
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
  },
  413: {
    description: 'The request body is larger than the API accepts',
    slug: 'request-too-large',
    title: 'Request body too large',
  },
  422: {
    description:
      'Well-formed but refused: a rule the schema cannot express is broken (a check digit, a field another field ' +
      'requires; `errors` names the field), or the renewal refused the action (`reason` says why)',
    slug: 'update-rejected',
    title: 'The renewal cannot take this action now',
  },
  429: {
    description:
      'Too many requests from this caller (a citizen, a staff member, a partner, or an address without ' +
      'credentials) in the current window; retry after the `Retry-After` seconds',
    slug: 'rate-limited',
    title: 'Too many requests',
  },
  503: {
    description:
      'A dependency (database or Temporal) is unavailable, or a partner event cannot be placed yet; retry later ' +
      '(after the `Retry-After` seconds when given)',
    slug: 'service-unavailable',
    title: 'Service unavailable',
  },
};

/** Documents the problem+json responses an operation can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemView),
    ...statuses.map((status) => {
      const problem = PROBLEMS[status];
      return ApiResponse({
        status,
        description: problem.description,
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(ProblemView) },
            example: { type: problemType(problem.slug), title: problem.title, status },
          },
        },
      });
    }),
  );
}
