import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * RFC 9457 problem details. `type` is a stable URI clients may switch on;
 * `title` is the same for every occurrence of the type; `detail` explains this one.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(slug: string): string {
  return `urn:passport-renewal:problem:${slug}`;
}

/** An error the API answers with a specific problem type. */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    slug: string,
    title: string,
    detail?: string,
    extensions: Record<string, unknown> = {},
  ) {
    super({ type: problemType(slug), title, status, detail, ...extensions } satisfies ProblemDetails, status);
  }
}

/**
 * 503 with `Retry-After`: nothing is wrong with the request, but it cannot be
 * acted on yet (e.g. a partner event that overtook the record it is about);
 * or 429 with `Retry-After`: the caller holds all it may of something (streams).
 */
export class RetryLaterProblem extends ProblemException {
  constructor(
    slug: string,
    title: string,
    detail: string,
    readonly retryAfterSeconds: number,
    status: HttpStatus.SERVICE_UNAVAILABLE | HttpStatus.TOO_MANY_REQUESTS = HttpStatus.SERVICE_UNAVAILABLE,
  ) {
    super(status, slug, title, detail);
  }
}

/**
 * Fields at fault: a 400 when the request does not match the documented schema, a 422 when it does but breaks a
 * rule the schema cannot express (a check digit, a field another field requires).
 */
export class ValidationProblem extends ProblemException {
  constructor(
    errors: FieldError[],
    status: HttpStatus.BAD_REQUEST | HttpStatus.UNPROCESSABLE_ENTITY = HttpStatus.BAD_REQUEST,
  ) {
    super(
      status,
      'validation-error',
      'The request is not valid',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      { errors },
    );
  }
}
