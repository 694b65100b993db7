import { applyDecorators, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, type ApiResponseNoStatusOptions } from '@nestjs/swagger';
import { ApiIdempotencyKey } from '../../idempotency/idempotency.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';

/**
 * The kinds of operation the API's controllers are made of, each one decorator: the route, its success status and
 * what the OpenAPI document says of it. A controller adds only what is particular to one operation.
 */

/** What the OpenAPI document says of one operation. */
export interface EndpointDoc {
  summary: string;
  description?: string;
  /** The success answer: its body's `type` (or `schema`), and what it means when more than the type says. */
  response: ApiResponseNoStatusOptions;
  /** The problems this operation may answer, besides its controller's and those its kind always has. */
  problems?: number[];
}

/**
 * What every idempotent command may answer, whatever it does: 400 (Idempotency-Key missing, or the body not valid),
 * 409 (the key used before for another request) and 413 (a body over the limit).
 */
const IDEMPOTENT_COMMAND_PROBLEMS = [400, 409, 413];

function documented(doc: EndpointDoc, answer: (options: ApiResponseNoStatusOptions) => MethodDecorator) {
  return [
    ApiOperation({ summary: doc.summary, description: doc.description }),
    answer(doc.response),
    ...(doc.problems?.length ? [ApiProblems(...doc.problems)] : []),
  ];
}

/** A read: `GET path`, answered 200. */
export function ReadEndpoint(path: string | undefined, doc: EndpointDoc): MethodDecorator {
  return applyDecorators(Get(path), ...documented(doc, ApiOkResponse));
}

/** A command its controller exempts from Idempotency-Keys (it changes nothing, or is deduplicated otherwise). */
export function CommandEndpoint(path: string, doc: EndpointDoc): MethodDecorator {
  return applyDecorators(Post(path), HttpCode(HttpStatus.OK), ...documented(doc, ApiOkResponse));
}

/**
 * A command a client may safely retry: `POST path` with an Idempotency-Key (src/api/idempotency), answered 200 when
 * done, or 202 (`accepted`) when what it started goes on after the answer.
 */
export function IdempotentEndpoint(path: string | undefined, doc: EndpointDoc & { accepted?: true }): MethodDecorator {
  const problems = [...IDEMPOTENT_COMMAND_PROBLEMS, ...(doc.problems ?? [])];
  return applyDecorators(
    Post(path),
    HttpCode(doc.accepted ? HttpStatus.ACCEPTED : HttpStatus.OK),
    ApiIdempotencyKey(),
    ...documented({ ...doc, problems }, doc.accepted ? ApiAcceptedResponse : ApiOkResponse),
  );
}
