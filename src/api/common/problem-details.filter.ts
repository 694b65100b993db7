import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem';

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
  return undefined;
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
      // Log the error type and stack only: request bodies may hold personal data.
      this.logger.error(
        `Unhandled ${(exception as Error)?.name ?? 'error'} on ${request.method} ${request.route?.path ?? ''}`,
        (exception as Error)?.stack,
      );
      problem = {
        type: problemType('internal-error'),
        title: 'Internal error',
        status: HttpStatus.INTERNAL_SERVER_ERROR,
      };
    }
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify({ ...problem, instance: request.originalUrl }));
  }
}
