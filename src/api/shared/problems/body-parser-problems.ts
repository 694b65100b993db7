import { HttpStatus } from '@nestjs/common';
import type { ErrorRequestHandler } from 'express';
import { ProblemException } from './problem';

/** Errors of the JSON body parser (`http-errors` types), as problems with stable types. */
const PROBLEMS: Record<string, { status: HttpStatus; slug: string; title: string }> = {
  'entity.too.large': {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    slug: 'request-too-large',
    title: 'Request body too large',
  },
  'entity.parse.failed': {
    status: HttpStatus.BAD_REQUEST,
    slug: 'malformed-json',
    title: 'The request body is not valid JSON',
  },
  'encoding.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    slug: 'unsupported-encoding',
    title: 'Unsupported content encoding',
  },
  'charset.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    slug: 'unsupported-charset',
    title: 'Unsupported charset',
  },
};

/**
 * Express error middleware placed right after the body parser, so a body the
 * API cannot read becomes a problem the exception filter answers. The parser's
 * own message is dropped: it may quote the body.
 */
export const bodyParserProblems: ErrorRequestHandler = (error, _request, _response, next) => {
  const problem = typeof error?.type === 'string' ? PROBLEMS[error.type] : undefined;
  next(problem ? new ProblemException(problem.status, problem.slug, problem.title) : error);
};
