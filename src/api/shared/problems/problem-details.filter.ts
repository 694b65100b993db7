import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Request, Response } from 'express';
import { IntegrationError } from '../../../integrations/errors';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType, RetryLaterProblem } from './problem';

const GENERIC_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
};

/**
 * gRPC status codes meaning Temporal cannot take the call now but may in a moment: it did not answer in time (a
 * deadline that expires under load may surface as CANCELLED rather than DEADLINE_EXCEEDED; the API cancels no call
 * otherwise), it is busy (RESOURCE_EXHAUSTED: rate limits, too many updates in flight on one renewal), it gave up a
 * call it had taken (ABORTED: an update dropped while its workflow moved between hosts), or it is unreachable
 * (UNAVAILABLE: a restart). The client retries with the same Idempotency-Key, so nothing is done twice.
 */
const TEMPORAL_RETRY_LATER = [
  1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 10 /* ABORTED */, 14 /* UNAVAILABLE */,
];

/** The gRPC status of a Temporal client error, if it carries one. */
function grpcCode(exception: unknown): number | undefined {
  const grpc = exception instanceof ServiceError ? exception.cause : exception;
  return isGrpcServiceError(grpc) ? grpc.code : undefined;
}

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const body = exception.getResponse();
  if (typeof body === 'object' && body !== null && 'type' in body) return body as ProblemDetails;
  const message = typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
  return {
    type: problemType(`http-${status}`),
    title: GENERIC_TITLES[status] ?? exception.name,
    status,
    detail: Array.isArray(message) ? message.join('; ') : message,
  };
}

/** The application failure a workflow's validator or handler refused an update with. */
function updateRejection(error: WorkflowUpdateFailedError): ProblemDetails {
  const cause = error.cause;
  const reason = cause instanceof ApplicationFailure ? (cause.type ?? 'UpdateRejected') : 'UpdateRejected';
  return {
    type: problemType('update-rejected'),
    title: 'The renewal cannot take this action now',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: cause?.message ?? error.message,
    reason,
  };
}

function temporalUnavailable(exception: unknown): boolean {
  if (exception instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCode(exception);
  return code !== undefined && TEMPORAL_RETRY_LATER.includes(code);
}

/** A partner port the API called itself (the civil registry for the review) failed: the partner, not the client, is at fault. */
function partnerProblem(error: IntegrationError): ProblemDetails {
  if (error.kind === 'transient') {
    return {
      type: problemType('partner-unavailable'),
      title: 'A partner system is unavailable',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: `${error.details.system ?? 'a partner'} did not answer; retry later`,
    };
  }
  return {
    type: problemType('partner-failed'),
    title: 'A partner system refused the request',
    status: HttpStatus.BAD_GATEWAY,
    reason: error.type,
  };
}

function toProblem(exception: unknown): ProblemDetails | undefined {
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof WorkflowUpdateFailedError) return updateRejection(exception);
  if (exception instanceof WorkflowNotFoundError) {
    return { type: problemType('renewal-not-found'), title: 'Renewal not found', status: HttpStatus.NOT_FOUND };
  }
  if (exception instanceof WorkflowExecutionAlreadyStartedError) {
    return {
      type: problemType('renewal-already-started'),
      title: 'Renewal already started',
      status: HttpStatus.CONFLICT,
    };
  }
  if (temporalUnavailable(exception)) {
    return {
      type: problemType('service-unavailable'),
      title: 'Service unavailable',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: 'The workflow service did not answer in time; retry with the same Idempotency-Key',
    };
  }
  if (exception instanceof IntegrationError) return partnerProblem(exception);
  return undefined;
}

/** The stack frames of an error without its message, which may quote personal data (e.g. a database error). */
function framesOnly(error: unknown): string | undefined {
  const stack = (error as Error)?.stack;
  return stack?.split('\n').slice(1).join('\n');
}

/** Every error leaves the API as `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    let problem = toProblem(exception);
    if (!problem) {
      // The route pattern, not the URL (which may carry a national ID), and no error message; a gRPC code if any.
      const code = grpcCode(exception);
      this.logger.error(
        `Unhandled ${(exception as Error)?.name ?? 'error'}${code === undefined ? '' : ` (gRPC code ${code})`} on ` +
          `${request.method} ${request.route?.path ?? ''}`,
        framesOnly(exception),
      );
      problem = {
        type: problemType('internal-error'),
        title: 'Internal error',
        status: HttpStatus.INTERNAL_SERVER_ERROR,
      };
    }
    if (exception instanceof RetryLaterProblem) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      // The path only: a query string may carry a national ID, which has no place in an error document.
      .send(JSON.stringify({ ...problem, instance: request.originalUrl.split('?')[0] }));
  }
}
